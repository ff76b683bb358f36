"""German cue phrases per IPTC Media Topic: general news vocabulary of each field (same syntax as cues.py;
no stemming: "*" carries the inflections and the first part of compounds, "Wahl*" for "Wahlkampf")."""

from __future__ import annotations

CUES: dict[str, str] = {
    "medtop:01000000": "kultur*, künstler*!, kunst, festival*, ausstellung*, museum, museen, buch, bücher, "
    "roman*, schriftsteller*, autor, autorin, autoren, literatur*, dichter*, theater*!, bühne*, tanz, tänzer*, promi*, "
    "star, stars, prominente*, ~mode, modenschau*, model, journalis*, presse*, medien*, zeitung*, magazin*",
    "medtop:20000005": "film*!, kino*!, regisseur*, schauspieler*!, oscar*, berlinale, dreharbeiten, "
    "hollywood, spielfilm*, kinofilm*",
    "medtop:20000018": "musik*!, musiker*!, sänger*!, song*, lied*, album*!, konzert*!, rapper*, band, "
    "orchester*, tournee*, grammy*, single*, charts",
    "medtop:20000051": "fernseh*!, tv, ~sendung*, ~serie*, moderator*, talkshow*, tatort",
    "medtop:20001182": "soziale medien!, soziale netzwerke, sozialen netzwerken, facebook, twitter, "
    "instagram, tiktok, youtube, influencer*, follower*",
    "medtop:16000000": "krieg*!, konflikt*!, armee*!, militär*!, soldat*!, truppe*, kämpf*, gefecht*, "
    "terror*!, anschlag*!, anschläge, rebell*!, miliz*, bombard*, angriff*, offensive*, geisel*, "
    "waffenruhe, waffenstillstand, frieden*, putsch*, rakete*, drohne*, invasion*, bundeswehr, nato, NATO, "
    "waffe*",
    "medtop:02000000": "verbrechen!, straftat*!, kriminal*, gericht*!, justiz*!, richter*!, ~prozess*, "
    "staatsanwalt*!, staatsanwaltschaft*, anwalt*, anklage*, angeklagt*, verurteil*!, urteil*!, "
    "gefängnis*!, ~haft*, haftstrafe*, festgenommen*, festnahme*, polizei*!, polizist*!, ermittl*, mord*!, "
    "mörder*, totschlag, diebstahl*, dieb*, raub*, betrug*, betrüger*, korruption!, bestechung*, "
    "drogen*, vergewaltig*, ~gesetz*, illegal*, verfassungsgericht*, bundesgerichtshof",
    "medtop:03000000": "unfall*!, unfälle!, katastrophe*!, brand, brände, brandstift*, feuer*, feuerwehr*, "
    "überschwemmung*, "
    "hochwasser*!, erdbeben*!, erdrutsch*, explosion*, ~opfer, rettung*, hurrikan*, vulkan*, notfall*",
    "medtop:04000000": "wirtschaft*!, konzern*!, unternehmen*!, firma, firmen, markt, märkte*, ~handel*, "
    "industrie*, börse*!, aktie*!, aktionär*, investition*, investor*, bank*!, finanz*!, wachstum*, "
    "konjunktur*, bip, inflation!, ~preis*, ~kosten, zins*, schulden*, haushalt*, steuer*, umsatz*!, "
    "gewinn*, verlust*, kunde*, kunden, verbraucher*, export*, import*, euro, dollar*, währung*, öl*, "
    "energiepreis*, landwirtschaft*, fabrik*, ~werk*, ~produktion*, arbeitsplätze, ~manager*, "
    "vorstandschef*, chef des konzerns, iwf, weltbank, pleite*, insolvenz*, übernahme*, fusion*, "
    "milliarde*, million*, ezb, EZB, dax, DAX, geld, immobilie*, versicher*, fluggesellschaft*, "
    "airline*, flughafen*, flughäfen*, verkehr*, hafen*, bergbau*, rohstoff*, metall*, gründer*, "
    "unternehmer*, ware*",
    "medtop:05000000": "schule*!, schüler*!, lehrer*!, bildung*!, universität*!, hochschule*, "
    "student*!, studium, prüfung*, abitur*, unterricht*, kita*, kindergarten",
    "medtop:06000000": "umwelt*!, klima*!, erderwärmung, verschmutzung*, artenvielfalt, biodiversität, "
    "wald*, wälder*, tierart*, ökolog*, emission*, co2, CO2, erneuerbare*, dürre*, müll, plastik*",
    "medtop:07000000": "gesundheit*!, medizin*!, arzt!, ärzt*!, krankenhaus*!, krankenhäuser*, klinik*!, "
    "patient*!, krank*!, epidemie*!, pandemie*!, virus!, viren, covid*!, corona*!, impf*!, malaria, "
    "cholera, ebola, tuberkulose, hiv, aids, krebs*!, diabetes, pflege*, behandlung*, medikament*!, "
    "arznei*, apotheke*, chirurg*, operation*, infektion*, infiziert*, who, WHO, ernährung*, "
    "schwangerschaft*, geburt*, symptom*, gesundheitsminister*",
    "medtop:08000000": "geburtstag*, hochzeit*, weltrekord*, kurios*",
    "medtop:09000000": "streik*!, gewerkschaft*!, arbeitnehmer*, beschäftigte*, lohn*, löhne*, gehalt*, "
    "arbeitslos*, entlassung*, rente*, tarif*",
    "medtop:10000000": "tourismus*, tourist*, urlaub*, freizeit*, reise*, kochen, rezept*, gastronomie",
    "medtop:11000000": "politik*!, politisch*!, politiker*!, regierung*!, minister*!, ministerium*, "
    "präsident*!, kanzler*!, bundeskanzler*, wahl!, wahlen!, wahlkampf*, wähler*, abstimmung*, "
    "kandidat*, partei*!, opposition*!, koalition*!, abgeordnete*!, bundestag*!, landtag*, parlament*!, "
    "senat*, verfassung*, referendum*, demokrat*, diplomat*!, botschaft*, gipfel*, "
    "bürgermeister*, gouverneur*, regime, ~behörde*, uno, UNO, vereinte nationen, eu, EU, "
    "europäische union, sanktion*, demonstration*, demonstrant*, protest*, cdu, spd, CDU, SPD, "
    "grünen, Grünen, fdp, FDP, afd, AfD",
    "medtop:12000000": "religi*!, kirche*!, moschee*!, imam*, priester*, pfarrer*, papst!, bischof*, "
    "christen, christlich*, muslim*, islam*, katholisch*, evangelisch*, gebet*, vatikan",
    "medtop:13000000": "wissenschaft*!, forscher*!, forschung*, ~studie*, technolog*!, technik*, digital*!, "
    "internet!, informatik*, software!, app, apps, handy*, smartphone*!, computer*!, ~daten, cyber*!, "
    "hacker*, künstliche intelligenz!, ki, KI, innovation*, telekom*, mobilfunk*, 5g, satellit*!, "
    "raumfahrt*, rakete*, roboter*, algorithm*, online, website*, ~plattform*, google, apple, "
    "microsoft, meta, whatsapp, bitcoin, kryptowährung*, elektronik*, chip*, halbleiter*",
    "medtop:20000763": "künstliche intelligenz, informatik, software, algorithm*",
    "medtop:14000000": "gesellschaft*, ~sozial*, armut!, migrant*!, migration*!, flüchtling*!, "
    "geflüchtete*, asyl*, menschenrechte*, diskriminierung*, rassismus, ~jugend*, ~kinder, ~familie*, "
    "wohnung*, mieten*",
    "medtop:15000000": "sport*!, fußball*!, fussball*, fußballer*, ~spiel*, ~partie*, meisterschaft*!, "
    "WM, EM, weltmeister*, bundesliga*!, champions league, liga, nationalmannschaft*!, "
    "bundestrainer*, trainer*!, spieler*!, tor!, tore!, torschütze*, sieg*, niederlage*, unentschieden, "
    "finale*, halbfinale*, viertelfinale*, turnier*!, stadion*!, verein*!, klub*, club*, fifa, FIFA, "
    "uefa, UEFA, dfb, DFB, medaille*!, leichtathletik, marathon, tennis!, basketball!, handball!, "
    "eishockey, formel 1, radsport*, boxen, boxer*, olympia*, olympisch*, transfer*, stürmer*, "
    "verteidiger*, torwart*, schiedsrichter*, elfmeter*, fans, saison*, ~titel, meister*, "
    "~verband*, ~gewinner*",
    "medtop:17000000": "wetter*!, meteorolog*, regen, regenfälle, gewitter*, unwetter*!, temperatur*!, hitze*!, "
    "hitzewelle*!, ~vorhersage*, wetterdienst*, dwd, DWD, schnee*, sturm*, wind, winde",
}
