"""Hand-picked cue phrases per IPTC Media Topic for the lexicon tagger in worker.enrich.topics."""

from __future__ import annotations

# Hand-picked cue phrases per topic, on top of the taxonomy's own names. Syntax: comma-separated phrases;
# "!" doubles a cue's weight, "~" halves it, "*" matches any word ending; a cue with a capital letter is
# matched case-sensitively (Labour the party, not labour the topic; UN, AI). Plurals fold to the singular.
# A cue goes to the most specific topic it signals, and its level-1 topic gets the evidence too; a few sit
# under two topics where both are true (game consoles are video games and computing hardware).
CUES: dict[str, str] = {
    # arts, culture, entertainment and media
    "medtop:01000000": "arts, cultural, showbiz, show business, entertainment industry, pop culture",
    "medtop:20000002": "entertainment, entertainer*, starring!, co-star*, starred, ~star, premiere*, "
    "red carpet, stage show, ~audience, ~fans, ~nominated, ~nomination, ~nominee, magician*, magic trick*, "
    "illusionist*, ~festival*, headliner*, headlining",
    "medtop:20000005": "film!, movie*!, cinema*!, box office!, box-office, hollywood!, bollywood, "
    "screenplay, screenwriter, blockbuster*, sequel, actor!, actress!, ~acting, Oscar*!, academy award*!, "
    "Bafta*!, golden globe*, Cannes, Sundance, film festival, ~studio, biopic, documentary, film-maker*, "
    "filmmaker*, ~director, best picture, best director, supporting actor, supporting actress, lead role, "
    "cinemagoer*, grossed, ~producer, ~role",
    "medtop:20000018": "music!, musical, musician*!, singer*!, song*!, songwriter*, album*!, chart, ~band, "
    "rock band, pop star*, ~pop, rock star*, rapper*, rap, hip-hop, concert*!, gig, ~tour, guitarist*, "
    "drummer*, bassist*, vocalist*, frontman, lead singer, orchestra*, symphony, jazz, classical music, "
    "record label*, Grammy*!, Brit award*, Mercury prize, Eurovision, lyric*, duet*, hit single*, "
    "debut album, Glastonbury, choir*, composer*, ~conductor, pianist*, violinist*, soprano, music video*, "
    "MTV, DJ, dj, top 40, number one single, singles chart, album chart, download chart, ~record",
    "medtop:20000029": "theatre*!, theater*, playwright*, West End, Broadway, pantomime*, panto, comedian*!, "
    "comedy!, comedies, stand-up, comic*, opera!, operas, Royal Shakespeare Company, National Theatre, "
    "~stage",
    "medtop:20000013": "novel!, novelist*, author!, book!, poet!, poets, poetry, poem*, literary, fiction, "
    "bestseller*, best-seller*, best-selling, Booker, Whitbread, memoir*, biography, paperback, hardback, "
    "~writer, ~publisher",
    "medtop:20000031": "painting*, painter*, sculpture*, sculptor*, ~artist*, artwork*, gallery, galleries, "
    "photographer*, portrait*, architecture, architect*, Turner Prize, Tate",
    "medtop:20000011": "fashion!, catwalk*, couture, fashion designer*, fashion week, supermodel*, "
    "cosmetics, make-up, hairstyle*, jewellery, jewelry",
    "medtop:20000007": "dance, dancer*, dancing, ballet, choreograph*",
    "medtop:20000003": "animation, animated",
    "medtop:20001179": "tv series, television series, drama series, miniseries, sitcom*!, soap opera, soap, "
    "episode*!, season finale, reality show*, reality tv, talent show*, game show*, quiz show*, chat show*, "
    "talk show*, spin-off",
    "medtop:20000043": "museum*, exhibit*, curator*, ~library, libraries",
    "medtop:20000044": "heritage, world heritage, monument*",
    "medtop:20000045": "journalist*, journalism, broadcaster*!, broadcasting, ~broadcast, ~media, ~press, "
    "~editor, tabloid*, magazine*, ~reporter*, Ofcom, licence fee, BBC One, BBC Two, BBC Three, BBC Four",
    "medtop:20000051": "television!, tv!, TV!, ~channel, viewer*!, ~ratings, prime time, primetime, "
    "peak-time, presenter*!, ~host, ~show, ITV, Channel 4, Channel Five, Sky One, aired, airing, screened, "
    "telly",
    "medtop:20000050": "radio!, listener*, radio station*, Radio 1, Radio 2, Radio 4",
    "medtop:20000047": "newspaper*!, tabloid*, broadsheet*, ~columnist*",
    "medtop:20001182": "social media!, Facebook, Twitter, Instagram, TikTok, YouTube, influencer*, "
    "social network*, ~followers",
    # crime, law and justice
    "medtop:02000000": "crime!, crimes, criminal!, ~law, legal, ~justice, lawyer*!, solicitor*, barrister*, "
    "~attorney",
    "medtop:20000082": "offence*, offender*, suspect*!, ~victim*, gang*, stolen, steal, stealing, thief, "
    "thieves, kidnap*, abduct*, hate crime*, ~criminal*",
    "medtop:20000099": "murder*!, manslaughter, homicide*, killer*, shot dead, stabbed, stabbing*",
    "medtop:20000097": "fraud*!, fraudulent*, fraudster*, scam*, ponzi, tax evasion, embezzle*",
    "medtop:20000093": "corruption!, corrupt, bribe*, bribery, graft, kickback*",
    "medtop:20000086": "cybercrime, cyber crime, cyber-crime, phishing, ransomware, identity theft, "
    "hacker*!, hacking, hacked",
    "medtop:20000095": "drug trafficking, drug dealer*, drug dealing, cocaine, heroin, cannabis, narcotic*, "
    "drug smuggling, drug lord*",
    "medtop:20000104": "robbery, robberies, robber*, theft*, burglar*, burglary, shoplift*, looting, looted",
    "medtop:20000084": "assault*, rape*, raped, sexual assault*, sexual abuse, child abuse",
    "medtop:20001313": "gunman, gunmen, gunfire, mass shooting*, opened fire, ~shooting",
    "medtop:20000103": "terror suspect*, terror charge*, terror law*, anti-terror*, counter-terror*",
    "medtop:20000107": "court!, miscarriage of justice, miscarriages of justice, courtroom, judge*!, jury!, "
    "juries, juror*, verdict*!, convicted!, "
    "conviction*, acquitted, acquittal, guilty!, pleaded, plea, sentenced!, ~sentence, bail, hearing*, "
    "testified, testimony, ~witness*, defendant*!, appeal court, court of appeal, high court, supreme court, "
    "crown court, magistrate*, injunction*, ~ruling, ~ruled, trial!, retrial, Old Bailey",
    "medtop:20000118": "prosecutor*!, prosecution, prosecute*, indict*, charged with!, "
    "Crown Prosecution Service",
    "medtop:20000137": "prison*!, jail*!, imprison*, inmate*, life sentence*, behind bars",
    "medtop:20000114": "lawsuit*!, sued, sue, suing, litigation, class action, damages claim*, legal action!",
    "medtop:20000121": "unlawful*, lawful*, illegal*, statute*, legal challenge*, loophole*",
    "medtop:20000126": "International Criminal Court, international court, war crimes tribunal, extradit*, "
    "International Court of Justice",
    "medtop:20000129": "police!, policeman, policemen, policewoman, police officer*!, detective*!, FBI, "
    "Scotland Yard, Interpol, ~raid*, ~patrol*, sheriff*, constabulary, ~officers, investigator*",
    "medtop:20000130": "arrest*!, detained, custody",
    # disaster, accident and emergency incident
    "medtop:03000000": "disaster*!, catastroph*, tragedy, ~emergency, rescue*!, rescuer*!, survivor*, "
    "death toll!, ~injured, ~dead, evacuat*!, relief effort*, Red Cross, emergency services, debris, rubble",
    "medtop:20000151": "earthquake*!, quake*!, tsunami*!, tremor*, aftershock*, seismic, Richter, flood*!, "
    "flooding, landslide*, mudslide*, avalanche*, volcano*, volcanic, eruption*, erupted, cyclone*, "
    "hurricane*!, typhoon*!, tornado*!, drought*, wildfire*!, bushfire*, forest fire*",
    "medtop:20000143": "crash*!, plane crash*, air crash*, derail*, collision*, collided, capsiz*, "
    "shipwreck*, car crash*, road accident*, train crash*, ferry disaster, sank",
    "medtop:20000150": "blaze*, firefighter*!, fire brigade*, fire crew*, flames, ~fire",
    "medtop:20000140": "explosion*, exploded, gas leak*, ~blast",
    "medtop:20000149": "famine, starvation, starving",
    # economy, business and finance
    "medtop:04000000": "economy!, economic!, economies, economist*!, ~business, businesses, financ*, ~money, "
    "~billion, investment*!, invest, investing, investor*!, market*, commercial, ~industry, industrial, "
    "~sector, ~consumer*, ~customer*, price*, ~cost, revenue*!, sales!, ~sold, profit*!, ~loss, losses, "
    "turnover, earnings!, ~income, ~spending, analyst*!, ~deal*, firm, company, corporate, corporation*, "
    "multinational*, CEO",
    # Public finances are the state of the economy as much as a government's policy: both topics get them.
    "medtop:20000344": "deficit*!, budget deficit*, public debt, national debt, public finances, fiscal, "
    "borrowing, eurozone, euro zone, euro area, Stability and Growth Pact, economic reform*, "
    "structural reform*, finance minister*, economy minister*",
    "medtop:20000346": "gdp!, GDP!, gross domestic product, inflation!, recession!, ~growth, slowdown, "
    "consumer confidence, deflation, productivity, industrial output, ~output, trade deficit, trade gap, "
    "current account deficit, house price*, housing market, ~unemployment rate, economic growth, "
    "consumer spending, retail sales, ~jobless rate, ~figures, ~data",
    "medtop:20000350": "central bank*!, Federal Reserve, Fed, Bank of England, ECB, European Central Bank, "
    "Bank of Japan, Alan Greenspan",
    "medtop:20000379": "interest rate*!, rate rise*, rate cut*, base rate, monetary policy, rate-setting",
    "medtop:20000355": "currency!, currencies, dollar*!, yen, sterling, ~euro, ~pound, exchange rate*, "
    "devaluation, yuan, renminbi, rouble, rupee",
    "medtop:20000373": "export*!, import, imported, importer*, importing, trade surplus, tariff*, "
    "trade talks, trade agreement*, free trade, WTO, World Trade Organization, protectionis*, trade war*, "
    "quota*",
    "medtop:20000372": "IMF, International Monetary Fund, World Bank, OECD",
    "medtop:20000385": "stock market*!, stock exchange*, shares!, share price*!, stock, equities, "
    "Wall Street, FTSE, Dow Jones, Dow, Nasdaq, Nikkei, Dax, ~index, trader*, ~trading, bond market*, ~bond, "
    "commodit*, oil price*!, crude, barrel*, Brent, gold price*, futures market*",
    "medtop:20001365": "profit*, pre-tax, operating profit, net profit, annual results, quarterly, ~quarter, "
    "full-year, half-year, profit warning, dividend*!, ~results, ~forecast*, ~margin*, ~outlook, "
    "year-on-year, sales growth, ~turnover, ~earnings",
    "medtop:20001366": "merger*!, acquisition*!, takeover*!, acquire*, buyout*, ~bid, bidder*, spin-off, "
    "joint venture*, restructuring, ~stake",
    "medtop:20000183": "bankrupt*!, bankruptcy, Chapter 11, insolvency, creditor*!, administrator*, "
    "flotation, IPO, stock market listing, rights issue, ~debt*",
    "medtop:20000199": "chief executive*!, chairman, ~board, board of directors, shareholder*!, "
    "annual general meeting, boardroom, ~boss, ~bosses, chief financial officer, ~executive*",
    "medtop:20000192": "brand, branded, branding, marketing, market share, competitor*, ~rival*, ~launch, "
    "~product, ~consumer*",
    "medtop:20000349": "~firm, entrepreneur*, start-up*, startup*, small business*, conglomerate*, "
    "subsidiar*",
    "medtop:20001370": "bank*!, banking, banker*, lender*, mortgage*, loan*, credit card*, insurer*, "
    "pension fund*, fund manager*, asset manag*, hedge fund*, private equity, stockbroker*, ~insurance",
    "medtop:20000256": "oil!, ~gas, oil company, oil firm*, energy firm*, energy company, petrol, "
    "natural gas, coal, nuclear power, power station*, OPEC, Opec, oil field*, refiner*, ~pipeline*, ~energy",
    "medtop:20000337": "airline*!, airport*, ~flights, railway*, rail operator*, shipping, freight, haulage, "
    "logistics, ~carrier*",
    "medtop:20000294": "manufacturer*, manufacturing, factory, factories, steelmaker*, aerospace, Airbus, "
    "Boeing, plant closure*",
    "medtop:20000296": "carmaker*!, car maker*, automaker*!, car industry, car sales, electric car*, "
    "electric vehicle*, EV, EVs, SUV, SUVs, hatchback*, motor show*, auto show*, automotive, ~vehicle*",
    "medtop:20001289": "retail*!, retailer*!, supermarket*, high street, shopper*, department store*, "
    "online shopping, e-commerce, ~store*, ~shop*, Christmas sales, chain store*",
    "medtop:20000243": "consumer goods, clothing, luxury goods, beverage*, tobacco, brewer*, toy, toys",
    "medtop:20000235": "property market, estate agent*, real estate, construction, builder*, housebuilder*",
    "medtop:20000304": "advertising, advertiser*, ad revenue, music industry, film industry, "
    "record industry, media group*, media company, publishing",
    "medtop:20000225": "telecom*, telecommunications, mobile operator*, network operator*, chipmaker*, "
    "tech firm*, technology firm*, technology company, software firm*, software company, software maker*",
    "medtop:20000331": "hotel*, tour operator*, travel firm*, travel agent*, casino*",
    "medtop:20001354": "pharmaceutical*, drugmaker*, drug firm*, drugs firm*, drugs giant, pharma, "
    "biotech firm*",
    "medtop:20000210": "farmer*, farming, agricultur*, crop*, harvest*, livestock, cattle, dairy, wheat, "
    "grain*",
    "medtop:20000316": "mining, miner*, gold mine*, iron ore, copper, aluminium, ~steel",
    "medtop:20001244": "utilit*, water supply, energy bill*, gas bill*, electricity",
    # education
    "medtop:05000000": "education!, educational, ~learning, ~academic*, literacy, numeracy, Ofsted",
    "medtop:20000400": "school*!, schooling, classroom*, headteacher*, head teacher*, nursery school*, "
    "primary school*, secondary school*, sixth form*, kindergarten*, truancy, homework",
    "medtop:20000405": "universit*!, ~college, campus, tuition, tuition fee*!, top-up fee*, undergraduate*, "
    "~graduate*, ~degree*, lecturer*, student loan*, higher education, further education",
    "medtop:20000415": "student*!, pupil*!, school leaver*",
    "medtop:20000416": "teacher*!, teaching",
    "medtop:20000413": "exam!, exams!, examination*, GCSE*, A-level*, A-levels, league table*, test results",
    # environment
    "medtop:06000000": "environmental!, environmentalist*, ~environment, ~green, ecolog*, Greenpeace, "
    "Friends of the Earth, WWF",
    "medtop:20000418": "climate change!, global warming!, greenhouse gas*!, emission*!, carbon dioxide, CO2, "
    "~carbon, Kyoto, kyoto protocol, sea level*, net zero, climate crisis, ~climate",
    "medtop:20000424": "pollution!, pollut*, smog, toxic waste, sewage, landfill*, recycl*, ~waste",
    "medtop:20000420": "conservation!, conservationist*, national park*, rainforest*, deforestation",
    "medtop:20000443": "endangered!, extinct*, extinction, species!, poaching, poacher*",
    "medtop:20000441": "wildlife!, biodiversity, habitat*, coral reef*, whale*, ~bird*",
    "medtop:20001374": "sustainab*, renewable*, fossil fuel*, solar power, wind power, wind farm*",
    # health
    "medtop:07000000": "health!, healthy, healthcare, health care, health service*, NHS!, medical!, "
    "medicine*!, medication, ~drug*, public health, World Health Organization, WHO, health secretary, "
    "health minister*!, ministry of health!, health ministry!, health official*!, health authorit*, "
    "pregnan*, childbirth, in labour, newborn*, miscarriage*, stillbirth*, organ donation, organ donor*",
    "medtop:20000446": "disease*!, illness*, ~ill, ~sick, sickness, symptom*, diagnos*, diabetes, obesity, "
    "obese, heart disease, heart attack*, ~stroke, dementia, Alzheimer*, asthma, chronic, ~condition*, "
    "cardiac, blood pressure, kidney*, liver disease, autoimmune, Parkinson*, epilepsy, disorder, disorders, "
    "rare disease*, ~syndrome, hair loss, Strep A, strep A, streptococc*, allerg*",
    "medtop:20000448": "infection*!, infected, infectious, ~virus, viral, outbreak*!, epidemic*, pandemic*!, "
    "flu!, influenza, bird flu, covid, coronavirus, SARS, Sars, HIV, Aids, AIDS, malaria, tuberculosis, "
    "measles, Ebola, cholera, Covid-19, quarantine*, monkeypox, mpox, polio, dengue, hepatitis, "
    "meningitis, sepsis, lassa fever, yellow fever, typhoid, pathogen*",
    "medtop:20000447": "cancer*!, tumour*, tumor*, chemotherapy, radiotherapy, leukaemia",
    "medtop:20000462": "hospital*!, ~ward, A&E, waiting list*, clinic*, GP, GPs, ambulance*, hospice*, "
    "NHS trust*, health board*, maternity!, maternity unit*, intensive care, pharmacy, pharmacies, "
    "pharmacist*, dentist*, dental, health centre*, health worker*, healthcare worker*",
    "medtop:20000477": "vaccine*!, vaccinat*, immunis*, immuniz*",
    "medtop:20000458": "mental health!, ~depression, anxiety, psychiatric, schizophrenia, eating disorder*",
    "medtop:20000492": "doctor*!, nurse!, nursing, surgeon*, paramedic*, physician*, midwife, midwives, "
    "medic, medics, paediatric*, pediatric*, consultant surgeon*, GP surgery, GP surgeries",
    "medtop:20000464": "treatment*!, therapy, therapies, surgery, transplant*, prescription*, antibiotic*, "
    "patient*!, ~dose*",
    "medtop:20000465": "nutrition, calorie*, ~diet*, junk food, healthy eating",
    # human interest
    "medtop:08000000": "~anniversary, ~birthday, bizarre, quirky",
    "medtop:20000506": "royal family, monarch*, royalty, prince*, princess*, duke, duchess, "
    "Buckingham Palace, the Queen, King Charles",
    "medtop:20000505": "celebrit*!, celeb, celebs, ~famous, paparazzi",
    "medtop:20000498": "~award*, ~prize*, ~honour*, knighted, knighthood, ~winner*, ~ceremony",
    "medtop:20000499": "Guinness World Record*, world's oldest, centenarian*",
    "medtop:20001235": "funeral*, memorial*, mourner*, ~tribute*",
    "medtop:20001236": "wedding*, bride, bridegroom",
    # labour
    "medtop:09000000": "worker*!, workforce!, ~staff, ~job*, labour market, labor market, workplace, "
    "labour relations, labor union*, TUC",
    "medtop:20000509": "employment!, employee*, employer*, hiring, ~recruit*, self-employed, overtime, "
    "working hours, apprentice*",
    "medtop:20000533": "unemploy*!, jobless!, redundanc*!, job cuts!, job losses!, layoff*!, laid off, "
    "~cut jobs, ~axe jobs, shed jobs",
    "medtop:20000518": "wage*!, salar*, pay rise*, pay deal*, minimum wage, pay freeze, bonus*",
    "medtop:20000536": "trade union*!, union leader*, union member*, unions",
    "medtop:20000529": "strike!, strikes!, walkout*, industrial action!, picket*, pay dispute*, "
    "collective bargaining",
    "medtop:20000531": "pension*!, pensioner*, retirement!, retirement age, ~retire*",
    # lifestyle and leisure
    "medtop:10000000": "lifestyle, leisure, ~holiday*, vacation*, hobby, hobbies, nightlife, nightclub*, "
    "pub, pubs",
    "medtop:20000563": "tourist*!, tourism!, traveller*, ~travel, destination*, resort*, sightseeing",
    "medtop:20001253": "restaurant*, chef*, cuisine, recipe*, cooking, cookery, foodie*, baking",
    "medtop:20001254": "wine*, beer*, whisky, spirits",
    "medtop:20000549": "lottery, lotteries, gambling, gambler*, bingo, bookmaker*, ~betting, jackpot",
    "medtop:20001239": "fitness, workout*, gym, gyms, yoga, jogging",
    "medtop:20001339": "wellbeing, well-being, wellness, mindfulness",
    "medtop:20001257": "gardening, gardener*, ~garden*",
    "medtop:20000548": "video game*!, computer game*!, games console*, gamer*, ~gaming, Xbox, PlayStation, "
    "Nintendo, PSP, Nintendo DS, GameCube, ~console*, ~games, gameplay, multiplayer, games developer*, "
    "game developer*, games publisher*, games industry",
    # politics and government
    "medtop:11000000": "politic*!, ~policy, ~policies, opposition!, ~reform*, ~campaigner*, ~leader*, "
    "Downing Street!, Number 10, No 10, Whitehall, Westminster!, White House!, Kremlin, Elysee, Capitol Hill",
    "medtop:20000574": "election*!, electoral!, electorate*, re-elect*, ballot*!, voter*!, vote, votes, "
    "voted, poll, polls, polled, pollster*, polling, turnout, exit poll*, opinion poll*!, constituency!, "
    "constituencies, candidate*!, ~campaign*, campaigning, manifesto*!, marginal seat*, ~seats, "
    "swing voter*, hustings, landslide victory",
    "medtop:20000579": "general election*!, presidential election*!, parliamentary election*, mid-term*",
    "medtop:20000578": "local election*, mayoral election*, council election*",
    "medtop:20000584": "referendum*!, plebiscite*",
    "medtop:20000593": "government*!, governmental, ~administration, cabinet!, ministry, ministries, "
    "~official*, civil servant*, civil service, Cabinet Office",
    "medtop:20001261": "prime minister*!, Prime Minister*!, ~premier, ~chancellor, taoiseach",
    "medtop:20000610": "~president*, presidency, presidential!",
    "medtop:20000615": "parliament*!, parliamentary!, MP!, MPs!, lawmaker*!, legislat*!, Senate, senate, "
    "senator*!, Congress, congressional, congressman, congresswoman, House of Commons, House of Lords, "
    "Commons, Lords, ~peers, backbench*, frontbench*, select committee*, ~bill, ~amendment*, Speaker",
    "medtop:20000613": "minister*!, ministerial, secretary of state, home secretary!, Home Secretary!, "
    "cabinet minister*, Home Office, shadow chancellor, shadow home secretary, shadow cabinet, Chancellor, "
    "chief secretary, ~spokesman",
    "medtop:20001384": "Labour!, Tory!, Tories!, Conservatives!, Conservative party, Lib Dem*!, "
    "Liberal Democrat*!, Democrat*!, Republican*!, GOP, SNP, UKIP, Plaid Cymru, Green Party, party leader*!, "
    "party member*, political party, ~party, opposition leader*, ~Conservative, ~Liberal",
    "medtop:20000612": "~council*, councillor*, mayor*, local authorit*, town hall, devolution",
    "medtop:20000598": "national security, intelligence service*, MI5, MI6, CIA, homeland security, "
    "security services, spy, spies, espionage, ID card*, identity card*",
    "medtop:20000611": "impeach*",
    "medtop:20000653": "democracy!, democratic, dictator*, dictatorship, authoritarian, communis*, monarchy",
    "medtop:20000620": "tax!, taxes!, taxation, taxpayer*, income tax, council tax, VAT, inheritance tax, "
    "tax cut*!, tax rise*!, tax credit*, stamp duty",
    "medtop:20000345": "economic policy, ~budget*, public spending!, spending review, fiscal, stimulus, "
    "austerity, privatis*, privatiz*, nationalisation, public finances, borrowing",
    "medtop:20000479": "health policy, NHS reform*, health reform*",
    "medtop:20001338": "education secretary, education policy, school reform*",
    "medtop:20000634": "immigration policy, asylum*!, immigration control*, border control*, deport*, visa*",
    "medtop:20000636": "regulator*!, regulation*, deregulat*, Competition Commission, antitrust, ~watchdog*, "
    "Ofgem, Ofwat, Ofcom, FSA, SEC, FCC, FTC, Financial Services Authority",
    "medtop:20000627": "data protection, privacy law*, GDPR",
    "medtop:20000630": "welfare reform, welfare state, state pension, benefits system",
    "medtop:20000635": "nuclear programme*!, nuclear program*!, uranium enrichment, enrichment, IAEA",
    "medtop:20000632": "gun control, gun law*, firearms law*",
    "medtop:20000628": "affordable housing, housing policy, planning permission",
    "medtop:20000638": "international relations, foreign policy!, foreign affairs!, bilateral!, "
    "multilateral, two countries, both countries, two nations, diplomatic relations, ~tensions, "
    "~relationship, geopolitic*, ~ties, ~relations, international community, superpower*, ~sovereignty, "
    "~allies",
    "medtop:20000639": "diplomat*!, ambassador*!, embassy!, embassies, envoy*, foreign minister*!, "
    "foreign secretary!, Foreign Secretary, State Department!, foreign ministry!, Foreign Office, consul, "
    "consulate*, counterpart*!, ~talks, ~negotiat*, state visit*, official visit, rapprochement, G7, G8, "
    "G20, APEC, ASEAN, Secretary of State",
    "medtop:20000640": "summit*!",
    "medtop:20000641": "treaty!, treaties",
    "medtop:20000642": "sanction*!, embargo*, blacklist*",
    "medtop:20000643": "foreign aid, aid package*, humanitarian aid, development aid, aid agenc*, "
    "debt relief",
    "medtop:20000644": "United Nations!, UN!, U.N., Security Council!, General Assembly, Nato!, NATO!, "
    "European Union!, EU!, European Commission!, ~Brussels, African Union, Arab League, OSCE, ~Commonwealth",
    "medtop:20000645": "refugee*!, displaced, asylum seeker*!, UNHCR, refugee camp*",
    "medtop:20001316": "border dispute*, territorial dispute*, disputed territory, annex*",
    "medtop:20000646": "NGO, NGOs, non-governmental, campaign group*, pressure group*, "
    "Amnesty International, Human Rights Watch, Oxfam",
    "medtop:20000648": "dissident*, political prisoner*, ~activist*",
    # religion
    "medtop:12000000": "religion*!, religious!, ~faith*, worship*, prayer*, ~pray*, ~god, spiritual, "
    "theolog*, secular*, blasphem*, pilgrim*, sermon*, congregation*, denomination*",
    "medtop:20000659": "christian*!, Christian*!, church!, Catholic*!, Protestant*, Anglican*, bishop*, "
    "archbishop*, vicar*, ~priest*, clergy, Jesus, evangelical*",
    "medtop:20000704": "pope!, Pope!, papal, Vatican",
    "medtop:20000677": "Muslim*!, Islam!, Islamic, mosque*, imam*, Koran, Quran, Qur'an, sharia, Ramadan, "
    "Mecca, hajj",
    "medtop:20000679": "Jewish!, jew, jews, Jews, Judaism, rabbi*, synagogue*, kosher, Hanukkah, Passover",
    "medtop:20000676": "Hindu*, Hinduism",
    "medtop:20000658": "Buddhis*, Buddha, Dalai Lama, monk",
    "medtop:20000684": "Sikh*, gurdwara",
    # science and technology
    "medtop:13000000": "science!, scientific!, scientist*!, technolog*!, tech!, hi-tech, high-tech, "
    "~innovat*, ~engineer*, engineering, invent, invented, invention*, inventor*, ~patent*",
    "medtop:20000735": "researcher*!, ~research, laboratory, laboratories, ~lab, ~labs, experiment*, "
    "~findings, ~discover*",
    "medtop:20000740": "published in the journal, peer-reviewed, journal Nature, journal Science",
    "medtop:20000737": "medical research!, clinical trial*!, medical researcher*",
    "medtop:20000711": "biotechnology, biotech, genetic engineering, genetically modified, GM crop*, "
    "gene therapy, stem cell*!, cloning, clone*",
    "medtop:20000719": "biology, biologist*, gene, genes, genome*, genomic*, genetic*!, DNA, evolution*, "
    "dinosaur*, fossils, microbe*, bacteria",
    "medtop:20000718": "astronom*, telescope*, planet*!, galaxy, galaxies, asteroid*, comet*, Mars, Saturn, "
    "Jupiter, solar system, universe",
    "medtop:20000731": "physics!, physicist*, particle*, quantum!, laser*",
    "medtop:20000725": "chemistry, chemist*, molecule*, molecular",
    "medtop:20000739": "space exploration, spacecraft!, space probe*, rover, space station, astronaut*!, "
    "NASA!, Nasa!, ESA, orbit*, rocket, rockets, launch pad, space agency, ~space, ~satellite*",
    "medtop:20000744": "archaeolog*!, archeolog*, excavation*",
    "medtop:20000753": "psycholog*",
    "medtop:20000763": "computer*!, computing!, software!, hardware!, programmer*, programming, internet!, "
    "~online, web!, website*!, web site*, broadband!, e-mail*!, email*!, spam*, ~virus*, computer virus*!, "
    "worm*, malware!, spyware!, adware, firewall*, browser*!, search engine*!, ~search, download*!, upload*, "
    "file-sharing!, file sharing!, peer-to-peer!, P2P, BitTorrent, Napster, digital!, ~data, database*, "
    "server*, ~network*, wireless!, wi-fi!, wifi, Bluetooth, 3G, 4G, 5G, mobile phone*!, ~mobile, mobiles, "
    "~phone*, handset*!, smartphone*!, gadget*!, ~device*, laptop*, desktop*, PC, PCs, microchip*, "
    "chipmaker*, processor*, semiconductor*, iPod*!, iPhone*, iTunes, MP3, DVD*, high-definition, hi-def, "
    "~HD, virtual reality, ~virtual, robot*!, robotic*, AI!, machine learning, algorithm*, open source, "
    "open-source, Linux, Windows, operating system*!, Microsoft!, Google!, Apple, Intel, IBM, Nokia, Yahoo, "
    "eBay, Sony, user*!, interface, app, apps, blog*!, blogger*, blogging, podcast*, cyber*, cybersecurity, "
    "encryption, password*, Silicon Valley, gigabyte*, megabyte*, terabyte*, megabit*, bandwidth, VoIP, "
    "Skype, dotcom, dot-com, digital tv, digital television, set-top box*, TiVo, video recorder*, "
    "~electronic*, consumer electronics, ~gizmo*, ~screen, hi-fi, ~technology, games console*!, ~console*, "
    "Xbox, PlayStation, Nintendo, PSP, Nintendo DS, GameCube, handheld*, graphics chip*, graphics card*, "
    "camera phone*, digital camera*, megapixel*, pixel*, touchscreen*, touch screen*, flat-screen, "
    "MP3 player*, media player*, music player*, PDA, PDAs, headset*, hard drive*, hard disk*, anti-virus, "
    "antivirus, security flaw*, vulnerabilit*, software patch*, Trojan*, text message*, texting, SMS, "
    "instant messaging, chat room*, domain name*, ISP, ISPs, internet service provider*, net user*, "
    "web user*, web page*, webcam*, webcast*, pop-up ad*, pop-up window*, botnet*, zombie computer*, "
    "denial of service, "
    "online music, digital music, music download*, pirated, ~piracy, RFID, biometric*, WiMax, Wi-Max, "
    "hi-tech, geek*, techie*, gigahertz, bug*, net phone*, video-on-demand, video on demand, interactive tv, "
    "on-demand, "
    # A video game is software too, and newsrooms cover it on the technology desk.
    "video game*!, computer game*!, gamer*, gameplay, multiplayer, games developer*, game developer*, "
    "games publisher*, games industry, first-person shooter*, third-person, role-playing game*, PS2, PS3, "
    "Game Boy, joypad*, graphics, 3D, "
    # Technology companies and products every newsroom knows.
    "Amazon, AOL, Dell, HP, Hewlett-Packard, Motorola, Samsung, Ericsson, Vodafone, Cisco, Oracle, AMD, "
    "Nvidia, Qualcomm, Toshiba, Philips, Panasonic, Symantec, McAfee, Netflix, Firefox, Mozilla, "
    "Internet Explorer, Mac, Macs, iMac*, iPad*, tablet computer*, e-reader*, smartwatch*, wearable*, "
    "~chip*, streaming, ~stream*, dial-up, ADSL, DSL, fibre-optic, fiber-optic, wiki*, Wikipedia, RSS, "
    "IP address*, software developer*, ~upgrade*, ~beta, plasma screen*, LCD, OLED, PVR*, "
    "personal video recorder*, digital video recorder*, HDTV",
    # A technology company's products and deals are the technology desk's news as well as business news.
    "medtop:20000756": "tech firm*!, tech company!, tech companies!, tech giant*!, technology firm*!, "
    "technology company!, technology companies!, technology giant*, software firm*, software company, "
    "software maker*, Big Tech, big tech, tech industry, technology industry, tech sector, "
    "technology sector, tech start-up*, tech startup*, start-up*, startup*, telecom*, telecommunication*, "
    "mobile network*!, mobile operator*, network operator*, broadband provider*, internet provider*, "
    "social media!, social network*, social media platform*, ~platform*, Facebook, Twitter, Instagram, "
    "TikTok, YouTube, YouTuber*, WhatsApp, Snapchat, LinkedIn, Meta, went viral, gone viral, go viral, "
    "online safety, drone*, blockchain, metaverse, satellite internet, 3D printing, 3D printer*, "
    "electric vehicle battery, battery technology, fintech, e-scooter*, the net, on the net, net cafe*, "
    "net firm*, net browser*, online gaming, ~gaming, internet cafe*, cyber cafe*, vlog*, subsea cable*, "
    "undersea cable*, fibre broadband, full-fibre, streaming service*, streaming platform*, streaming giant*",
    "medtop:20001298": "artificial intelligence!, AI!, chatbot*, neural network*, ChatGPT, OpenAI, "
    "generative AI, machine learning, deep learning, facial recognition",
    "medtop:20000761": "electronics!, circuit*, transistor*, semiconductor*",
    # society
    "medtop:14000000": "~society, ~social, ~community, communities, ~youth, young people",
    "medtop:20000801": "poverty!, ~poor, deprivation, deprived",
    "medtop:20000800": "homeless*!",
    "medtop:20000818": "charity!, charities!, charitable, ~volunteer*, fundrais*, ~donation*",
    "medtop:20000775": "discriminat*!, racism!, racist*, racial, sexism, sexist, prejudice, ageism",
    "medtop:20000793": "gender, ~equality, inequality, feminis*, women's rights",
    "medtop:20000792": "gay!, lesbian*, LGBT*, transgender, same-sex, civil partnership*, homophob*",
    "medtop:20000592": "human rights!, civil rights, civil liberties, freedom of speech, free speech, "
    "censorship, ~privacy",
    "medtop:20000771": "immigrant*!, immigration!, migrant*!, ~migration, emigra*",
    "medtop:20000770": "~population, census, demograph*, birth rate*, life expectancy",
    "medtop:20000780": "~family, ~families, ~parents, parenting, childcare, child care, ~child, ~children",
    "medtop:20000797": "elderly!, old age, care home*, older people",
    "medtop:20000791": "disabled!, disabilit*, wheelchair*",
    "medtop:20000785": "abortion*, contracepti*",
    "medtop:20000783": "divorce*",
    "medtop:20000802": "domestic violence, domestic abuse, bullying, addiction, addict*, slavery, "
    "prostitut*, anti-social behaviour, Asbo*, ASBO*, binge drinking",
    "medtop:20000820": "social worker*, social services, social care, welfare",
    # sport
    "medtop:15000000": "sport!, sports!, Commonwealth Games!, sporting, sportsman, sportsmen, sportswoman, "
    "~match, ~matches, "
    "~club, ~clubs, ~v, ~vs, curling, curler*, ice rink*, climber*, climbing wall*, skateboard*, surfing, "
    "surfer*, head-to-head, ~clash, ~fixture, home side, away side, "
    "~game, team*!, teammate*, player*, captain*!, squad*!, ~season, league*!, ~cup, championship*!, "
    "champion*!, ~title, tournament*!, ~final, semi-final*!, quarter-final*!, ~victory, ~win, ~won, defeat*, "
    "~beat, ~draw, ~score*, scored!, scoring, goal*!, stadium*!, ~fans, ~supporters, kick-off, half-time, "
    "second half, first half, hamstring!, ~ankle, ~injury, fixture*!, relegat*!, ~promotion, athlete*!, "
    "~training, ~unbeaten, winning streak, ~coach*, ~race, ~racing, world championship*, ~medal*, ~record",
    "medtop:20001065": "football!, footballer*!, soccer!, goalkeeper*!, striker*!, midfield*!, defender*, "
    "winger*, penalty kick, free-kick, free kick, offside, Premier League!, Premiership!, FA Cup, "
    "League Cup, Carling Cup, Champions League!, Uefa Cup, Europa League, Uefa, UEFA, Fifa, FIFA, World Cup, "
    "goalless, hat-trick, clean sheet, Football Association, ~penalty, ~penalties, ~header, equalis*, "
    "equaliz*, extra time, extra-time, stoppage time, injury time, red card*, yellow card*, sent off, "
    "sending-off, own goal, shoot-out*, shootout*, crossbar, ~volley*, ~corner kick*, substitute*",
    "medtop:20001176": "rugby!, scrum*!, fly-half!, scrum-half!, line-out*, lineout*, Six Nations!, "
    "Tri-Nations, British and Irish Lions, flanker*, ~try, ~tries, RFU, Heineken Cup",
    "medtop:20000888": "cricket!, cricketer*, wicket*!, batsman!, batsmen!, batting, bowler*, innings!, "
    "test match*, test series, one-day international*, one-day series, Ashes, Twenty20, T20, lbw, spinner*, "
    "all-rounder*, ~century, ~centuries, ICC",
    "medtop:20001085": "tennis!, Wimbledon!, US Open, Australian Open!, French Open!, Roland Garros, "
    "Davis Cup, ATP, WTA, ~grand slam, seeded, top seed, ~seed, set point, match point, break point*, "
    "tie-break*, tiebreak*, ~baseline, ~serve, ~doubles",
    "medtop:20000940": "golf!, golfer*!, PGA, Ryder Cup, ~Masters, birdie*, bogey*, fairway*, putt, putts, "
    "putted, European Tour",
    "medtop:20000827": "athletics!, sprint*, sprinter*!, hurdler*, marathon*, relay, long jump, high jump, "
    "triple jump, pole vault, shot put, javelin, discus, decathlon, heptathlon, 100m!, 200m, 400m, 800m, "
    "1500m, IAAF, cross country, cross-country, indoor championship*, personal best",
    "medtop:20000856": "boxing!, boxer*!, ~heavyweight*, middleweight*, welterweight*, knockout*, "
    "title fight*, ~bout, WBC, WBA, IBF, WBO",
    "medtop:20000991": "Formula One!, F1!, grand prix!, Grand Prix!, motor racing, motorsport*, "
    "pole position, pit stop*, Nascar, NASCAR, IndyCar, ~driver*",
    "medtop:20000892": "cycling!, cyclist*!, Tour de France, peloton, velodrome",
    "medtop:20000960": "horse racing, racehorse*, jockey*!, Grand National, Cheltenham Festival, furlong*, "
    "racecourse*, ~trainer",
    "medtop:20001071": "swimming!, swimmer*!, freestyle, breaststroke, backstroke",
    "medtop:20000851": "basketball!, NBA, slam dunk",
    "medtop:20000849": "baseball!, MLB, home run*, pitcher*, World Series",
    "medtop:20000823": "american football, NFL, Super Bowl, quarterback*, touchdown*",
    "medtop:20000965": "ice hockey, NHL, Stanley Cup",
    "medtop:20001056": "skiing, skier*, slalom",
    "medtop:20001063": "snooker!, ~frame, ~cue",
    "medtop:20001038": "sailing, yachtsman, yachtswoman, regatta, America's Cup",
    "medtop:20001026": "rowing, rower*, Boat Race",
    "medtop:20000923": "showjumping, dressage, equestrian",
    "medtop:20000942": "gymnast*, gymnastics",
    "medtop:20001157": "judo, karate, taekwondo, mixed martial arts, MMA, UFC",
    "medtop:20001154": "chess, grandmaster*",
    "medtop:20001183": "esports, e-sports",
    "medtop:20001177": "Olympic*!, Olympics!, IOC, Winter Olympics",
    "medtop:20001178": "Paralympic*!",
    "medtop:20001303": "gold medal*!, silver medal*, bronze medal*, medallist*, trophy, trophies",
    "medtop:20001302": "world record*!, ~record time",
    "medtop:20001104": "doping!, drugs test*!, drug test*, banned substance*, anti-doping, Wada, WADA, "
    "steroid*, THG, nandrolone, EPO",
    "medtop:20001323": "~coach*, coaching, head coach*, ~manager, ~boss",
    "medtop:20001148": "transfer window, transfer fee*, ~signing*, on loan, transfer bid*, transfer target*, "
    "contract extension*",
    "medtop:20001325": "referee*!, umpire*, linesman",
    "medtop:20001103": "disciplinary hearing, ~suspension, ~ban",
    # conflict, war and peace
    "medtop:16000000": "war!, wars, wartime, warfare, military!, militar*, troops!, soldier*!, army!, "
    "armies, armed forces, navy, naval, air force, marines, ~defence, ~defense, Pentagon, "
    "Ministry of Defence, MoD, ~conflict*, ~fighting, combat, ~battle*, battlefield, ~offensive, invasion!, "
    "invade*, ~occupation, ~weapon*, ~arms, nuclear weapon*, WMD, weapons of mass destruction, ~civilian*, "
    "~casualt*, veterans, ~killed",
    "medtop:20000056": "airstrike*, air strike*, bombardment, shelling, missile*!, rocket attack*, "
    "insurgen*!, insurgent*!, rebel*!, militant*!, militia*!, guerrilla*, ~bomb*, ~bombing*, ~fighter*",
    "medtop:20000053": "terror*!, terrorist*!, terrorism!, suicide bomb*!, car bomb*, jihad*, al-Qaeda, "
    "al Qaeda, Al-Qaeda, Taliban, Hamas, Hezbollah, Islamic State, ~explosive*",
    "medtop:20000073": "ceasefire*!, cease-fire, truce, peace talks!, peace process!, peace deal*, "
    "peace agreement*, peacekeep*!, disarmament, arms control",
    "medtop:20000065": "protest!, protests!, protested, protesting, protester*!, protestor*, demonstrator*!, "
    "~demonstration*, unrest!, clashes, clashed, tear gas, riot*, crackdown, martial law, uprising*, "
    "revolt*, ~revolution*",
    "medtop:20000070": "coup!, coups, junta",
    "medtop:20000071": "massacre*!, genocide!, war crime*, ethnic cleansing, atrocit*",
    "medtop:20001377": "prisoner* of war, missing in action, hostage*!",
    "medtop:20001361": "cyber warfare, cyber attack*, cyberattack*, cyber-attack*",
    # weather
    "medtop:17000000": "weather!, Met Office!, meteorolog*, forecaster*, rain!, rainfall!, rainy, downpour*, "
    "~showers, snow!, snowfall, blizzard*, sleet, hailstorm*, hailstone*, frost*, icy, fog, foggy, wind, winds, "
    "windy, gale, "
    "storm!, storms!, stormy, thunderstorm*, lightning, heatwave*!, heat wave*, temperature*!, celsius, "
    "fahrenheit, humid*, "
    "sunshine, sunny, cloudy, drizzle, monsoon*, El Nino",
    "medtop:20001128": "weather forecast*",
    "medtop:20001131": "weather warning*, severe weather, flood warning*, amber warning, red warning",
}
