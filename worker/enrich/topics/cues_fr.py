"""French cue phrases per IPTC Media Topic: general news vocabulary of each field (same syntax as cues.py;
no stemming: "*" carries the inflections, and "l'", "d'", "qu'" are cut from words before matching)."""

from __future__ import annotations

CUES: dict[str, str] = {
    # arts, culture, entertainment and media
    "medtop:01000000": "culture*, culturel*, artiste*!, art, arts, spectacle*, festival*, exposition*, musée*, "
    "patrimoine, ~livre*, roman*, romancier*, écrivain*, littéra*, poète*, poésie, théâtre*!, danse*, "
    "danseu*, célébrit*, star, stars, vedette*, people, humoriste*, comédien*!, ~mode, défilé*, mannequin*, "
    "miss, concours de beauté, journalis*, presse, média*, magazine*, journal, journaux, ~public",
    "medtop:20000005": "film*!, cinéma*!, cinéaste*, réalisat*, acteur*!, actrice*!, oscar*, césar*, "
    "tournage*, long métrage*, court métrage*, box-office, hollywood, nollywood, fespaco, cannes",
    "medtop:20000018": "musique*!, musici*!, chanteu*!, chanson*!, album*!, concert*!, rappeu*, rap, "
    "hip-hop, clip*, single*, tube*, groupe musical, orchestre*, morceau, titre inédit, tournée*, "
    "grammy*, rumba, coupé-décalé, afrobeat*, zouk",
    "medtop:20000051": "télévision*!, télé, ~émission*, ~série*, ~animat*, présentateur*, présentatrice*, "
    "~chaîne*, téléréalité, "
    "~épisode*",
    "medtop:20001182": "réseaux sociaux!, réseau social, facebook, twitter, instagram, tiktok, youtube, "
    "influenceu*, abonnés",
    # conflict, war and peace
    "medtop:16000000": "guerre*!, conflit*!, armée*!, militaire*!, soldat*!, troupe*, combat*, "
    "jihadiste*!, djihadiste*!, terroris*!, attentat*!, rebelle*!, insurg*, milice*, bombardement*, "
    "frappe*, offensive*, otage*, casque* bleu*, maintien de la paix, cessez-le-feu, paix, coup d'état, "
    "putsch*, junte*, déplacés, réfugiés, massacre*, drone*, missile*, état-major",
    # crime, law and justice
    "medtop:02000000": "crime*!, criminel*, délit*, tribunal*!, tribunaux, justice!, juge*!, procès!, "
    "procureur*!, avocat*, plainte*, condamn*!, prison*!, emprisonn*, détenu*, peine de prison, peine de mort, "
    "verdict*, "
    "inculp*, mis en examen, ~enquête*, police*!, policier*!, gendarme*, arrest*, interpell*, meurtre*, "
    "assassin*, homicide*, voleur*, braquage*, fraude*, corruption!, corrompu*, escroquerie*, "
    "trafic*, trafiquant*, drogue*, cour, cour suprême, cour d'appel, cour constitutionnelle, viol*, "
    "agression*, garde à vue, ~loi, ~lois, illégal*, juridique*, judiciaire*",
    # disaster, accident and emergency incident
    "medtop:03000000": "accident*!, catastrophe*!, incendie*!, inondation*!, séisme*!, tremblement de terre, "
    "glissement de terrain, naufrage*, effondrement*, explosion*, victimes, secour*, pompier*, sinistré*, "
    "crash, éruption*, ouragan*, cyclone*",
    # economy, business and finance
    "medtop:04000000": "économi*!, entreprise*!, ~société*, firme*, marché*!, "
    "commerc*, industri*, bours*!, ~action*, actionnaire*, investiss*!, investisseur*, banque*!, bancaire*, "
    "financ*!, croissance, pib, inflation!, ~prix, ~coût*, tarif*, dette*, budget*, fiscal*, impôt*, "
    "taxe*, chiffre d'affaires, bénéfice*, profit*, pertes, vente*, client*, consommat*, "
    "exportation*, importation*, devise*, franc cfa, euros, dollars, monnaie*, pétrol*, minier*, mine*, agricult*, "
    "cacao, café, coton, usine*, ~produc*, emploi*, patron*, pdg, directeur général, fmi, banque mondiale, "
    "startup*, start-up*, privatisation*, faillite*, rachat*, fusion*, acquisition*, contrat*, "
    "milliard*, million*, fcfa, ~salari*, ~économique*, argent, immobili*, assurance*, assureur*, "
    "compagnie* aérienne*, aérien*, aéroport*, portuaire*, transport*, minéra*, métaux, fondateur*, "
    "entrepreneu*, commerçant*, marchandise*, ~stock*",
    # education
    "medtop:05000000": "école*!, élève*!, enseignant*!, enseignement*!, éducation!, université*!, "
    "universitaire*, étudiant*!, scolaire*, examen*, baccalauréat, bac, lycée*, collège*, "
    "professeur*, instituteur*, diplôme*, rentrée scolaire",
    # environment
    "medtop:06000000": "environnement*!, climat*!, climatique*!, réchauffement, pollution*!, "
    "biodiversité, déforestation, forêt*, faune, flore, espèce*, écolog*, émissions, carbone, cop26, cop27, "
    "énergie* renouvelable*, solaire, sécheresse*, désertification, déchets, plastique*",
    # health
    "medtop:07000000": "santé!, sanitaire*!, médical*!, médicale*!, médecin*!, hôpita*!, hospital*, "
    "clinique*, patient*!, malad*!, maladie*!, épidémie*!, pandémie*!, virus!, covid*!, coronavirus!, "
    "vaccin*!, vaccination*!, paludisme!, malaria, choléra!, ebola!, tuberculose, vih, sida, cancer*!, "
    "diabète, infirmi*, soins, soigne*, traitement*, médicament*!, pharmac*, chirurg*, ~décès, "
    "contamin*, infect*, dépistage*, mortalité, oms, OMS, nutrition*, malnutrition, grossesse*, "
    "accouchement*, obésité, symptôme*, santé publique, ministère de la santé, ministre de la santé",
    # human interest
    "medtop:08000000": "anniversaire*, mariage*, insolite*, record du monde, centenaire*",
    # labour
    "medtop:09000000": "grève*!, gréviste*, syndicat*!, syndical*, travailleur*, salaire*, chômage!, "
    "licenciement*, retraite*, fonctionnaire*, code du travail",
    # lifestyle and leisure
    "medtop:10000000": "tourism*, touriste*, vacances, loisir*, cuisine, gastronomie, recette*, voyage*",
    # politics and government
    "medtop:11000000": "politique*!, gouvernement*!, gouvernemental*, ministre*!, ministère*, président*!, "
    "présidence*, présidentiel*!, élection*!, électora*, électeur*, vote*, scrutin*!, candidat*, "
    "campagne électorale, parti, partis, parti politique, opposition*!, majorité, député*!, sénat*, sénateur*, "
    "parlement*!, "
    "assemblée nationale, Assemblée nationale, constitution*, référendum*, démocrat*, dialogue politique, "
    "diplomat*!, ambassad*, sommet*, chef de l'état, chef d'état, premier ministre, conseil des ministres, "
    "maire*, mairie*, préfet*, gouverneur*, ~régime, ~autorités, union africaine, cédéao, "
    "CEDEAO, onu, ONU, nations unies, sanctions, ~transition, manifestation*, manifestant*, "
    "souveraineté, politicien*",
    # religion
    "medtop:12000000": "religi*!, église*!, mosquée*!, imam*, prêtre*, pape!, évêque*, chrétien*, "
    "musulman*, islam*, catholique*, pasteur*, prière*, ramadan, tabaski, pèlerinage*",
    # science and technology
    "medtop:13000000": "scien*!, scientifique*!, chercheu*!, ~recherche*, technolog*!, numérique*!, "
    "internet!, informati*!, logiciel*!, ~application*, applis, smartphone*!, ~téléphon*, ~mobile*, "
    "ordinateur*!, ~données, cyber*!, piratage*, pirate* informatique*, intelligence artificielle!, "
    "~innovation*, start-up technologique*, télécom*!, ~opérateur*, ~réseau*, 5g, 4g, fibre optique, "
    "satellite*!, spatial*, fusée*, robot*, algorithme*, ~en ligne, site web, site internet, "
    "~plateforme*, google, apple, microsoft, meta, whatsapp, huawei, mtn, airtel, "
    "bitcoin, cryptomonnaie*, blockchain, électronique*, inventeur*, invention*",
    "medtop:20000763": "intelligence artificielle, informatique, logiciel*, algorithme*, ordinateur*",
    # society
    "medtop:14000000": "société civile, ~social, ~sociale, ~sociaux, pauvreté!, migrant*!, migration*!, "
    "immigration*, réfugié*, ~femme*, droits de l'homme, droits humains, discrimination*, racism*, "
    "~jeunesse, ~jeunes, ~enfant*, ~famille*, ~communauté*, handicap*, logement*",
    # sport
    "medtop:15000000": "sport*!, sportif*, football!, footballeu*!, foot, match*!, championnat*!, "
    "coupe du monde, coupe d'afrique, CAN, ligue des champions, ligue 1, équipe*!, ~sélection*, "
    "sélectionneur*!, entraîneu*!, joueu*!, ~but, buts, buteur*, ~victoire*, défaite*, match nul, finale*!, "
    "demi-finale*, quart* de finale, tournoi*!, stade*!, club*!, fifa, FIFA, caf, CAF, uefa, "
    "éliminatoire*, ~qualifi*, médaille*!, athlét*, marathon*, tennis!, basket*!, handball, rugby!, "
    "cyclis*, boxe*, boxeu*, lutte*, jeux olympiques, olympique*, ~mondial, ballon d'or, "
    "mercato, transfert*, attaquant*, défenseur*, "
    "gardien*, milieu de terrain, arbitre*, penalty, penalties, supporte*, ~saison*, ~titre*, champion*!, "
    "fédération*, ~vainqueur*",
    # weather
    "medtop:17000000": "météo*!, météorolog*, pluie*, pluvieu*, orage*!, température*!, chaleur, canicule*!, "
    "vague* de chaleur!, "
    "~prévision*, vigilance orange, vigilance rouge, neige*, saison des pluies, vent*",
}
