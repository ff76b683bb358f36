"""Polish cue phrases per IPTC Media Topic: general news vocabulary of each field (same syntax as cues.py;
no stemming: a "*" stem carries the case endings, "wybor*" for "wybory", "wyborach", "wyborczy")."""

from __future__ import annotations

CUES: dict[str, str] = {
    "medtop:01000000": "kultur*, artyst*!, sztuk*, festiwal*, ~wystaw*, muze*, książk*, powieś*, pisarz*, "
    "pisark*, literat*, literack*, poet*, poezj*, teatr*!, spektakl*, taniec, tańc*, tancerz*, "
    "celebryt*, gwiazd*, moda, mody, modelk*, dziennikar*, pras*, media, mediów, gazet*, magazyn*",
    "medtop:20000005": "film*!, kino, kina, kinach, reżyser*, aktor*!, aktork*!, oscar*, hollywood",
    "medtop:20000018": "muzyk*!, piosenk*!, piosenkar*!, wokalist*, album*!, płyt*, koncert*!, raper*, "
    "zespół muzyczny, orkiestr*, tras* koncertow*, grammy*, singl*, eurowizj*",
    "medtop:20000051": "telewizj*!, telewizyj*!, tv, TVP, ~program*, serial*!, prezenter*, ~odcin*",
    "medtop:20001182": "media społecznościow*!, mediach społecznościowych, facebook*, twitter*, instagram*, "
    "tiktok*, youtube, influencer*, obserwując*",
    "medtop:16000000": "wojn*!, wojen, konflikt*!, armi*!, wojsk*!, wojskow*!, żołnierz*!, ~walk*, "
    "terror*!, zamach*!, rebeli*, bojówk*, bombard*, atak*, ofensyw*, zakładni*, rozejm*, "
    "przewrót, pucz*, rakiet*, dron*, inwazj*, nato, NATO, broń, broni",
    "medtop:02000000": "przestęp*!, kryminal*, sąd!, sądu!, sądzie!, sądy, sądow*!, sędzi*!, "
    "prokurat*!, prokurator*!, adwokat*, oskarż*!, skazan*!, wyrok*!, więzien*!, areszt*!, zatrzyman*, "
    "policj*!, policjant*!, śledztw*, morderstw*!, zabójstw*!, zabójc*, kradzież*, złodziej*, rozbój, "
    "napad*, oszustw*!, oszust*, korupcj*!, łapówk*, narkoty*, gwałt*, przemoc*, ~ustaw*, nielegaln*, "
    "trybunał*",
    "medtop:03000000": "wypadek!, wypadk*!, katastrof*!, pożar*!, powódź!, powodzi*, trzęsieni* ziemi, "
    "osuwisk*, eksplozj*, wybuch*, ofiar*, ratown*, strażak*, straż pożarn*, huragan*, wulkan*",
    "medtop:04000000": "gospodar*!, ekonom*!, firm*!, przedsiębior*!, spółk*!, rynek!, rynk*!, handl*, "
    "przemysł*, giełd*!, ~akcj*, akcjonariusz*, inwestyc*!, inwestor*, bank!, banku!, banki!, bankow*!, "
    "finans*!, wzrost gospodarczy, pkb, PKB, inflacj*!, ~cen*, ~koszt*, stop* procentow*, dług*, "
    "budżet*, podat*, sprzedaż*, przychod*, zysk*, strat, straty, stratę, klient*, konsument*, eksport*, import*, "
    "euro, dolar*, złot*, walut*, rop*, naftow*, rolnict*, rolnik*, fabryk*, ~produkcj*, prezes*, "
    "mfw, bank światowy, upadłoś*, bankructw*, przejęci*, fuzj*, miliard*, milion*, nbp, NBP, pieniądz*, "
    "pieniędz*, nieruchomoś*, ubezpiecz*, "
    "lini* lotnicz*, lotnisk*, transport*, port, porcie, portu, górnict*, surowc*, metal*, założyciel*, "
    "przedsiębiorc*, towar*",
    "medtop:05000000": "szkoł*!, szkol*!, uczni*!, uczeń, nauczyciel*!, edukacj*!, oświat*, "
    "uniwersytet*!, uczelni*, student*!, studia, studiów, studiach, egzamin*, matur*, lekcj*",
    "medtop:06000000": "środowisk*!, klimat*!, ocieplenie, zanieczyszcz*, smog*, bioróżnorodnoś*, las, "
    "lasy, lasów, gatun*, ekolog*, emisj*, co2, CO2, odnawialn*, susz*, odpad*, plastik*",
    "medtop:07000000": "zdrow*!, medyczn*!, lekarz*!, lekarz!, szpital*!, klinik*, pacjent*!, chorob*!, chory, "
    "chorzy, chorych, "
    "epidemi*!, pandemi*!, wirus*!, covid*!, koronawirus*!, szczepi*!, malari*, cholera, ebola, "
    "gruźlic*, hiv, aids, rak, raka, nowotw*!, cukrzyc*, leczeni*, lek, leki, leków, farmac*, apte*, "
    "chirurg*, operacj*, zakaż*, zakażen*, who, WHO, odżywian*, ciąż*, poród, porod*, objaw*, nfz, NFZ, "
    "ministerstwo zdrowia, minister zdrowia",
    "medtop:08000000": "urodzin*, ślub*, rekord świata",
    "medtop:09000000": "strajk*!, związk* zawodow*, związkowc*, pracowni*, płac*, pensj*, wynagrodz*, "
    "bezroboc*, zwolnieni*, emerytur*",
    "medtop:10000000": "turyst*, wakacj*, urlop*, wypoczyn*, podróż*, kuchni*",
    "medtop:11000000": "polity*!, rząd*!, rządow*!, premier*!, minist*!, prezydent*!, wybor*!, wyborc*!, "
    "głosowa*, kandyda*, parti*!, opozycj*!, koalicj*!, poseł, posł*!, sejm*!, senat*, senator*, "
    "parlament*!, konstytucj*, referend*, demokrac*, dyplomac*!, dyplomat*, ambasad*, ~szczyt*, "
    "burmistrz*, prezydent miasta, wojewod*, ~władz*, reżim*, onz, ONZ, narody zjednoczone, ue, UE, "
    "unia europejsk*, unii europejskiej, sankcj*, protest*, demonstra*, PiS, PO, KO, PSL",
    "medtop:12000000": "religi*!, kościół!, kościoł*!, kościel*!, meczet*!, imam*, ksiądz, księż*, papież*!, biskup*, "
    "chrześcija*, muzułma*, islam*, katoli*, modlitw*, watykan*",
    "medtop:13000000": "nauk*!, naukow*!, badacz*, ~badani*, technolog*!, cyfrow*!, internet*!, "
    "informaty*, oprogramowani*!, ~aplikacj*, smartfon*!, ~telefon*, komputer*!, cyber*!, haker*, "
    "sztuczn* inteligencj*!, innowac*, telekomunikac*, ~operator*, 5g, satelit*!, kosmi*, rakiet*, "
    "robot*, algorytm*, online, stron* internetow*, ~platform*, google, apple, microsoft, meta, "
    "whatsapp, bitcoin*, kryptowalut*, elektroni*",
    "medtop:20000763": "sztuczn* inteligencj*, informaty*, oprogramowani*, algorytm*",
    "medtop:14000000": "~społecz*, bieda, biedy, ubóstw*!, migran*!, migracj*!, uchodźc*!, azyl*, "
    "prawa człowieka, dyskrymin*, rasizm*, ~młodzież*, ~dziec*, ~rodzin*",
    "medtop:15000000": "sport*!, piłk* nożn*!, piłkar*!, mecz*!, mistrzostw*!, mundial*, euro 2024, "
    "ekstraklas*!, liga mistrzów, lig*, reprezentacj*!, selekcjoner*!, trener*!, zawodni*!, gol!, "
    "gola!, gole!, bramk*!, ~strzel*, zwycięst*, porażk*, remis*, finał*, półfinał*, ćwierćfinał*, "
    "turniej*!, stadion*!, klub*!, fifa, FIFA, uefa, UEFA, pzpn, PZPN, medal*!, lekkoatlety*, maraton*, "
    "tenis*!, siatkówk*!, siatkar*, koszyków*, piłk* ręczn*, skok* narciarski*, skoczk*, żużl*, "
    "kolarz*, kolarstw*, boks*, bokser*, olimpi*, olimpijsk*, transfer*, napastni*, obrońc*, "
    "bramkarz*, sędzia, rzut* karn*, kibic*, ~sezon*, ~tytuł*, mistrz*",
    "medtop:17000000": "pogod*!, meteorolog*, imgw, IMGW, deszcz*, opad*, burz*!, temperatur*!, upał*!, fala upałów, "
    "~prognoz*, śnieg*, wiatr*, wichur*",
}
