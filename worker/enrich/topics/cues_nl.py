"""Dutch cue phrases per IPTC Media Topic: general news vocabulary of each field (same syntax as cues.py;
no stemming: "*" carries the inflections and the first part of compounds)."""

from __future__ import annotations

CUES: dict[str, str] = {
    "medtop:01000000": "cultuur*, cultureel, culturele, kunstenaar*!, kunst, festival*, tentoonstelling*, "
    "museum, musea, boek, boeken, roman*, schrijver*, auteur*, literatuur*, dichter*, theater*!, "
    "voorstelling*, dans, danser*, beroemdhe*, bekende nederlander*, mode, journalist*, pers, media, "
    "krant*, tijdschrift*",
    "medtop:20000005": "film*!, bioscoop*!, regisseur*, acteur*!, actrice*!, oscar*, hollywood, speelfilm*",
    "medtop:20000018": "muziek*!, muzikant*!, zanger*!, zangeres*, liedje*, nummer, album*!, concert*!, "
    "rapper*, band, orkest*, tournee*, grammy*, single*, songfestival",
    "medtop:20000051": "televisie*!, tv, ~programma*, ~serie*, presentator*, presentatrice*, talkshow*, "
    "~aflevering*",
    "medtop:20001182": "sociale media!, sociale netwerken, facebook, twitter, instagram, tiktok, youtube, "
    "influencer*, volgers",
    "medtop:16000000": "oorlog*!, conflict*!, leger*!, militair*!, soldaat*!, soldaten!, troepen, gevecht*, "
    "terror*!, aanslag*!, rebel*!, militie*, bombardement*, aanval*, offensief, gijzel*, wapenstilstand, "
    "vrede*, staatsgreep*, raket*, drone*, invasie*, navo, NAVO, wapen*",
    "medtop:02000000": "misdaad*!, misdrijf*, misdrijven, crimineel, criminelen, criminaliteit, "
    "rechtbank*!, rechter*!, justitie*!, ~rechtszaak*, openbaar ministerie, officier van justitie, "
    "advocaat*, aanklacht*, verdachte*!, veroordeel*!, veroordeling*, vonnis*, gevangenis*!, "
    "celstraf*!, gearresteerd, arrestatie*, aangehouden*, politie*!, ~agent*, recherche*, moord*!, "
    "doodslag, diefstal*, dief*, overval*, fraude*, corruptie!, omkoping*, drugs*, verkrachting*, "
    "mishandeling*, ~wet, ~wetten, illegaal*, hof, hoge raad, strafzaak*",
    "medtop:03000000": "ongeluk*!, ongeval*!, ramp*!, brand!, branden, brandweer*, overstroming*!, "
    "aardbeving*!, aardverschuiving*, explosie*, slachtoffer*, redding*, orkaan*, vulkaan*, noodtoestand",
    "medtop:04000000": "economie*!, economisch*!, bedrijf*!, bedrijven!, onderneming*, markt, markten, "
    "~handel*, industrie*, beurs*!, aandeel, aandelen!, aandeelhouder*, investering*, investeerder*, "
    "bank!, banken!, financ*!, groei, bbp, inflatie!, ~prijs, ~prijzen, ~kosten, ~rente*, schuld*, "
    "begroting*, belasting*, omzet*!, winst*, verlies*, klant*, consument*, export*, import*, euro, "
    "dollar*, valuta*, olie*, landbouw*, fabriek*, ~productie*, banen, topman*, ceo, directeur*, "
    "imf, wereldbank, faillissement*, failliet, overname*, fusie*, miljard*, miljoen*, ecb, ECB, aex, AEX, "
    "geld, vastgoed*, huizenmarkt*, verzeker*, luchtvaart*, "
    "luchthaven*, vliegveld*, vervoer*, haven*, mijnbouw*, grondstof*, metalen, oprichter*, ondernemer*, "
    "goederen",
    "medtop:05000000": "school!, scholen!, leerling*!, leraar*!, leraren!, docent*, onderwijs*!, "
    "universiteit*!, hogeschool*, student*!, ~studie, examen*, eindexamen*, ~les, ~lessen",
    "medtop:06000000": "milieu*!, klimaat*!, opwarming, vervuiling*, biodiversiteit, bos, bossen, "
    "diersoort*, ecolog*, uitstoot*, co2, CO2, duurzam*, droogte*, afval*, plastic*, stikstof*",
    "medtop:07000000": "gezondheid*!, medisch*!, arts!, artsen!, dokter*, huisarts*, ziekenhuis*!, "
    "ziekenhuizen*!, kliniek*, patiënt*!, ziek*!, epidemie*!, pandemie*!, virus!, covid*!, corona*!, "
    "vaccin*!, malaria, cholera, ebola, tuberculose, hiv, aids, kanker*!, diabetes, ~zorg*, behandeling*, "
    "medicijn*!, geneesmiddel*, apothe*, chirurg*, operatie*, besmet*, infectie*, who, WHO, voeding*, "
    "zwanger*, bevalling*, symptoom*, symptomen, rivm, RIVM, ggd, GGD",
    "medtop:08000000": "verjaardag*, bruiloft*, wereldrecord*",
    "medtop:09000000": "staking*!, staken, vakbond*!, werknemer*, loon, lonen, salaris*, werkloos*, "
    "werkloosheid, ontslag*, pensioen*, cao",
    "medtop:10000000": "toeris*, vakantie*, vrije tijd, reizen, recept*, koken",
    "medtop:11000000": "politiek*!, politicus, politici!, regering*!, kabinet*!, minister*!, ministerie*, "
    "premier*!, president*!, verkiezing*!, kiezer*, stemming*, kandida*, partij*!, oppositie*!, "
    "coalitie*!, kamerlid, kamerleden, tweede kamer, eerste kamer, parlement*!, senaat*, grondwet*, "
    "referendum*, democrat*, diplomat*!, ambassad*, topoverleg, burgemeester*, gouverneur*, regime, "
    "~overheid*, vn, VN, verenigde naties, eu, EU, europese unie, sanctie*, demonstratie*, "
    "demonstrant*, protest*, vvd, VVD, pvv, PVV, cda, CDA, d66, D66",
    "medtop:12000000": "religie*!, religieu*, kerk*!, moskee*!, imam*, priester*, dominee*, paus!, "
    "bisschop*, christen*, christelijk*, moslim*, islam*, katholiek*, gebed*, vaticaan",
    "medtop:13000000": "wetenschap*!, wetenschapper*!, onderzoeker*!, ~onderzoek*, technolog*!, techniek*, "
    "digita*!, internet!, informatica, software!, app, apps, telefoon*, smartphone*!, computer*!, "
    "~data, cyber*!, hacker*, gehackt, kunstmatige intelligentie!, AI, innovatie*, telecom*, 5g, "
    "satelliet*!, ruimtevaart*, raket*, robot*, algoritme*, online, website*, ~platform*, google, "
    "apple, microsoft, meta, whatsapp, bitcoin, cryptomunt*, elektronica, chip*",
    "medtop:20000763": "kunstmatige intelligentie, informatica, software, algoritme*",
    "medtop:14000000": "samenleving*, ~sociaal, ~sociale, armoede!, migrant*!, migratie*!, vluchteling*!, "
    "asiel*, mensenrechten, discriminatie*, racisme, ~jongeren, ~kinderen, ~gezin*, woning*, huur*",
    "medtop:15000000": "sport*!, voetbal*!, voetballer*, wedstrijd*!, kampioenschap*!, wk, WK, ek, EK, "
    "wereldkampioen*, eredivisie!, champions league, competitie*, nationale elftal, Oranje, "
    "bondscoach*, trainer*!, coach*, speler*!, spelers!, doelpunt*!, ~goal*, gescoord, scoorde, "
    "~zege, overwinning*, nederlaag*, gelijkspel*, finale*, halve finale, kwartfinale*, toernooi*!, "
    "stadion*!, club*!, clubs, fifa, FIFA, uefa, UEFA, knvb, KNVB, medaille*!, atletiek, marathon, "
    "tennis!, basketbal!, hockey, schaats*, formule 1, wielren*, wielrenner*, boksen, bokser*, "
    "olympisch*, transfer*, spits, verdediger*, keeper*, scheidsrechter*, penalty*, "
    "strafschop*, supporter*, fans, seizoen*, ~titel, kampioen*, ~bond",
    "medtop:17000000": "~weer, weerbericht*, knmi, KNMI, meteorolo*, regen, regenval, onweer*!, "
    "temperatu*!, hitte*!, hittegolf*!, code oranje, code rood, ~voorspelling*, sneeuw*, storm*, wind",
}
