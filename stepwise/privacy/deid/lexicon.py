import importlib
from dataclasses import dataclass
from functools import cache

try:
    from stepwise.privacy.deid import safe_words
except ImportError as error:  # pragma: no cover - only before set-up has run
    raise ImportError(
        "stepwise/privacy/deid/safe_words.py is generated at set-up: run `make setup` "
        "(it needs Debian's wbritish word list)."
    ) from error


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Faker's person providers: MIT-licensed lists compiled from public statistics
# (en_GB from ONS, en_IE from NISRA and duchas.ie, en from US SSA records, others
# from national statistics offices and naming guides). Chosen to cover the origins
# common in England; locales written only in a non-Latin script add nothing here.
NAME_LOCALES = (
    "en", "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ",
    "en_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "en_KE", "sw", "zu_ZA",
    "pl_PL", "ro_RO", "lt_LT", "lv_LV", "sk_SK", "cs_CZ", "hu_HU", "hr_HR", "sl_SI",
    "tr_TR", "az_AZ", "uz_UZ", "fr_DZ", "id_ID",
    "it_IT", "pt_PT", "pt_BR", "es_ES", "fr_FR", "de_DE", "nl_NL",
    "zh_CN", "zh_TW", "ja_JP", "vi_VN",
)
FIRST_NAME_ATTRIBUTES = ("first_names", "first_names_female", "first_names_male",
                         "first_romanized_names", "first_names_nonbinary")
LAST_NAME_ATTRIBUTES = ("last_names", "last_romanized_names", "male_last_names",
                        "unisex_last_names", "last_names_female", "last_names_male")

# Names common in England that the faker lists miss (South Asian, Somali, Arabic,
# Eastern European and British given names and surnames seen in any local register).
EXTRA_FIRST_NAMES = words("""
aaliyah aamir abdi abdullahi abdirahman abdul abdullah abimbola adebayo adaeze adeola
aisha ayesha aiden amara amina aminah amira anaya arjun aryan ayaan ayan bilal chidi
chinedu chloe deshawn dritan eniola fatima fatuma filip hamza hassan hussein ibrahim
ikram imran iqra jakub kacper kai kayden keisha khadija kyle leighton liam mia mohamed
mohammad mohammed muhammad mustafa nadia nasra oliwia oluwaseun omar precious rahim
raheem reggie riya rohan ruqayyah saanvi sadia safiya sami samira shakira shanice
shanelle sienna sumaya tadeusz tayla tia tyrone usman wiktoria yasmin yusuf zainab
zara zaid zuzanna kaiden jayden brandon shannon tyler kian alfie
harpreet gurpreet manpreet jaspreet simran navdeep amrit jaswinder harjit rajinder
kulwinder sukhdeep baljit parminder harvinder mandeep ravinder gurdeep satnam
paddy mick micky mikey davey gaz baz kez shaz jonno
abi bex tash tez kels soph livvy izzy deano
hodan idil hibo sagal nimco faysal abdikarim abdiaziz abdiqani deeqa ubah fartun ifrah
hamdi ilhan liban najma sahra sumaya ugbaad warsan hanad guled
semhar yonas luam rahwa senait merhawi senay filmon eyerusalem tsega tekle yohannes
zarghona mursal nazanin habibullah sohrab najibullah wahidullah zabihullah farhad
rezan hevi rojda zhilwan shilan berfin
thuy trang ngoc phuong thanh hoang huong quynh khanh
ionut mirela ionela florentina gheorghe catalin daniela
tobiloba funmilayo temitope olumide ayomide oluwadamilare nkechi chiamaka chidera efua
kwabena akosua abena adwoa yaa kojo kwaku
yuxuan yiming zihan haoran xiaoming jiahui
rubina kausar nasreen shabana tahmina rahima ruksana shamima jahanara mahmuda
reiss kacie kaylan rayyan zayan kairo jayce maddison
gift goodness favour godswill testimony marvellous wisdom praise honey rain legend
""")
EXTRA_LAST_NAMES = words("""
abdi adeyemi ahmed akhtar ali begum bibi chaudhry chowdhury farah hussain hussein iqbal
islam khan kowalski mahmood malik mensah miah mohamud mohamed nowak okafor okonkwo
osei patel popescu qureshi rahman rehman shah siddiqui uddin warsame wisniewski
yusuf ahmadi nwosu adebayo boateng owusu mistry chauhan sandhu gill dhillon
warsame abdullahi mohamud egal jama tesfay tesfaye kidane haile ghebremedhin berhane
noori rahimi ahmadzai popal stanekzai karimi
hoang nguyen tran pham huynh vuong
lacatus stanciu munteanu dumitrescu ciobanu
kovacs horvath balogh lakatos
mcdonagh maughan mongan mcginley delaney
ogundipe adeleke bankole oyelaran okoro nwachukwu asante mensah
kausar sadiq begum
""")

# Words of the trade and everyday proper nouns that are never names here, even
# when a name list happens to contain them or they are written with capitals.
TRADE_WORDS = words("""
mum mam mom mummy dad daddy nan nana nanna nanny gran granny grandma grandad grandpa
grandmother grandfather grandparent grandparents aunt auntie aunty uncle cousin
brother sister sibling siblings son daughter baby child children yp cyp parent parents
carer carers stepdad stepmum partner ex boyfriend girlfriend husband wife fiance
mr mrs ms miss mx dr prof sir madam fax forename forenames surname surnames firstname referrer referrers
hv hvs sw sws swr dsl dslo iro lado mash icpc rcpc icpcs cp cpp cin lac cla ehm ehcp
eha iho camhs cahms nhs gp gps ae ane nicu scbu pc dc ds di psco ppo yot yjs
sen send senco senco ofsted cafcass nspcc barnardos barnardo npt cse cce fgm dv dva
idva marac mappa pnc pic ryp ctp rcp eyfs ehc dbs asap tac taf cgm mdt cdp ssw aswye
asye atm tm dtm ptm asw psw fsw fsws pa pas ira slt salt ot edp ed ld adhd asd ocd ptsd
pru aps sgo sgos rfm ico ici pla plo icpcs ehcps pep peps ceop cps cid moj dwp ukvi
lcs mosaic liquidlogic eclipse controcc carefirst frameworki azeus protocol
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
thurs fri sat sun january february march september october november december
feb mar apr jun jul aug sep sept oct nov dec
christmas easter ramadan eid diwali hanukkah halloween bonfire
english british welsh scottish irish polish romanian indian pakistani bangladeshi
somali nigerian ghanaian eritrean sudanese syrian afghan kurdish albanian turkish
chinese vietnamese arabic urdu punjabi bengali gujarati tamil portuguese spanish
french italian lithuanian latvian slovak czech hungarian bulgarian ukrainian russian
african caribbean european asian muslim christian catholic hindu sikh jewish islam
facebook instagram snapchat tiktok whatsapp youtube twitter google xbox playstation
fortnite roblox netflix zoom teams microsoft outlook iphone android tesco asda aldi
lidl sainsburys morrisons primark mcdonalds greggs costa uber amazon
covid coronavirus ok okay hi bye yeah yes no nope nite 2nite bday esol romani jobcentre
ni dob edd cao csc edt abe uasc fgc fgcs la las cpoms ppn da dva rhi strat hosp dash
sgo cpo epo ico emh semh sen pep lado dols hmrc uc pip esa jsa ctr npcc cait
incl approx appt appts asap fyi tbc tbh pls plz thx abt wk wks yr yrs hr hrs mins
msg msgs txt txts ur u n w b4 gonna wanna bf gf bc cos coz didnt doesnt wasnt isnt
cant wont dont im ive hes shes theyre thats whats ppl tho thru nxt tmrw tmw yday
calpol ritalin melatonin sertraline fluoxetine methadone subutex diazepam ibuprofen
paracetamol epipen concerta risperidone naloxone mirtazapine citalopram olanzapine
ventolin salbutamol xanax valium mdma ket spice nos vape vapes
asperger aspergers tourette tourettes crohn crohns dyspraxia dyslexia
kooth childline barnardo's homestart samaritans gingerbread nacro sarc isva
powerpoint sharepoint onedrive facetime skype gmail hotmail ipad ipads kindle alexa
nintendo minecraft discord twitch telegram signal spotify deliveroo justeat
genogram genograms attendee attendees stepup stepdown multiagency handover handovers
erm um umm er uh ah hmm nfa upn crn yos gcp nrm kpi kpis ooh asb epds mrn fdac gcse gcses hmo oic yro lsa hba sar abh gbh dna ewo fmpo fmu cme ent iha ihas rha rhas
fella fellah bloke blokes lad lads lass bro bruv sis hun babe bae mate fam kiddo innit
afaik imo lol omg btw couldnt shouldnt wouldnt havent hasnt hadnt arent werent
youre theyve weve youve ill itll thatll aint
channel prevent dfe dhsc ofsted cqc hmp hmyoi yoi nino ifa ifas gillick tel mob
afghanistan albania algeria angola bangladesh belgium brazil bulgaria cameroon china
congo croatia czechia denmark egypt england eritrea ethiopia france gambia germany
ghana greece hungary india iran iraq ireland italy jamaica kenya kosovo kurdistan
latvia lebanon libya lithuania malawi malaysia morocco nepal netherlands nigeria
pakistan philippines poland portugal romania russia rwanda scotland senegal
sierra leone slovakia somalia spain sudan sweden syria tanzania thailand
trinidad turkey uganda ukraine vietnam wales yemen zimbabwe britain europe africa
asia america uk usa gb eu
kurmanji sorani pashto dari farsi tigrinya amharic swahili yoruba igbo hausa twi
somali mandarin cantonese hindi nepali sinhala malayalam telugu kannada marathi
roma romany gypsy traveller travellers
iranian iraqi ethiopian kenyan zimbabwean jamaican kosovan egyptian moroccan algerian
libyan yemeni saudi lebanese palestinian israeli filipino thai malaysian indonesian
lankan nepalese estonian german dutch belgian american canadian brazilian colombian
congolese cameroonian ugandan rwandan tanzanian zambian malawian gambian leonean
senegalese angolan sri
bedfordshire berkshire buckinghamshire cambridgeshire cheshire cumbria derbyshire
dorset essex gloucestershire hampshire herefordshire hertfordshire
lancashire leicestershire lincolnshire merseyside norfolk northamptonshire
northumberland nottinghamshire oxfordshire rutland shropshire somerset staffordshire
suffolk surrey sussex teesside tyneside warwickshire wiltshire worcestershire yorkshire
london manchester birmingham liverpool leeds sheffield bristol newcastle nottingham
leicester coventry
i me my mine he him his she her hers it its we us our ours you your yours they them
their theirs this that these those there here who whom whose what which when where why
how the a and or but if so not no yes to of in on at by for from with as is was
are were be been am do does did has have had could would shall should
might must all any some each every both either neither one none
""")

ROLE_WORDS = frozenset(words("""
mum mam mom mummy mother dad daddy father nan nana nanna nanny gran granny grandma
grandmother grandad grandpa grandfather aunt auntie aunty uncle cousin brother
sister sibling son daughter baby partner boyfriend girlfriend husband wife fiance
fiancee ex carer stepdad stepmum stepfather stepmother stepbrother stepsister
stepson stepdaughter niece nephew friend neighbour lodger child yp bf gf ex
children kids twins twin siblings sons daughters brothers sisters boys girls person
cousins parents carers infant fsw pa iro ssw tm atm psw dslo senco lado

sw hv gp pc dc ds di sgt dsl iro teacher headteacher head worker keyworker officer
manager midwife nurse paediatrician consultant psychologist psychiatrist therapist
practitioner advocate colleague supervisor solicitor guardian
interpreter interp translator chaperone grandparent grandparents godmother godfather godparent
hooyo aabo ayeeyo awoowe abuela abuelo abuelita tita tito babcia dziadek bunica
bunicul nani dadi dadima ammi ammu abba abbu baba mama maman papa teta nene oma opa yiayia
pappou nonna nonno bapu ba
mgf mgm pgf pgm mgd pgd mgp pgp mgps pgps fc
"""))

TITLES = words(
    "mr mrs ms miss mx dr master prof sir dame lady lord rev cllr pc dc ds di dci dsi sgt insp pcso sergeant inspector constable detective "
    # Forms of address in the languages of families here: "Sra. Ferreira", "Pani Nowak", "Doamna Pop".
    "sra sr srta senhora senhor dona pani pan doamna domnul dna dl bibi herr frau mme madame monsieur hajji hajja pastor imam ps "
    "ma'am maam paní pane "
    # Speech-to-text writes "Mrs" as it is said.
    "misses mister"
)

# A capitalised word followed by one of these is a person, not a thing.
PERSON_VERBS = frozenset(words("""
said says told tells disclosed discloses reported reports stated states explained
explains shared shares asked asks agreed agrees denied denies refused refuses
admitted admits alleged alleges confirmed confirms mentioned mentions described
describes presented presents appeared appears attended attends lives lived
wants wanted felt feels cried cries ran runs hit hits came comes went goes returned
returns left leaves called calls rang rings texted texts became becomes seemed seems
looked looks smiled smiles laughed laughs shouted shouts screamed screams spoke speaks
talked talks replied replies answered answers arrived arrives stayed stays sleeps slept
moved moves visited visits loves loved likes liked hates hated enjoys enjoyed
wrote writes phoned phones emailed emails messaged messages engaged engages
works plays needs knows thinks was is has had will would could should did does can cannot can't won't didn't doesn't say wouldn't couldn't shouldn't wouldnt couldnt shouldnt
isn't wasn't hasn't hadn't isnt wasnt hasnt hadnt didnt doesnt
brought brings bought took takes gave gives got gets made makes kept keeps found finds saw
sees met meets heard hears knew knows thought thinks tried tries started starts stopped
stops missed misses needs needed lost loses slept ate eats drank drinks showed shows spent
played plays walked walks hid hides broke breaks stole steals threw throws kicked kicks
punched punches pushed pushes grabbed grabs bit bites swore swears lied lies absconded
remained remains continues continued struggled struggles managed manages uses used
woke wakes sat sits stood stands cuddled hugged
wrote draws drew sang sings danced dances waited waits joined joins moved
let lets opened opens cooked cleaned tidied washed dressed showered packed behaved settled waved nodded
shrugged whispered mumbled yelled apologised apologises promised promises pointed giggled
"""))

# Lower-case particles that sit between parts of a name ("bin", "ud", "van der").
NAME_PARTICLES = words("bin binti bint ibn al el ul ud ur van von der den de da di du le la del ni nic mac ui dos das do ap ab")

STREET_SUFFIXES = words("""
street st road rd avenue ave av lane ln close cl drive dr way court ct crescent cres
place pl grove gr gardens gdns terrace terr tce hill park square sq walk mews row rise
view green parade pde boulevard vale fold croft brow meadow meadows wharf yard gate
chase heights bank approach circus embankment quay hollow lea lees estate lanes
cottages site top bottom side end
fields grange dene garth paddock copse glade ridings spinney orchard nook wynd drove leys
ridge dell mead heath crest broadway promenade esplanade pastures holt
""")
# Building names count as address only with a flat or house number before them.
BUILDING_SUFFIXES = words("""
house court lodge cottage cottages farm mansions tower towers buildings point hall hotel
rectory vicarage centre manor barn mill hostel refuge villa bungalow flats apartments
""")

SCHOOL_SUFFIXES = words("""
school primary academy college nursery pre-school preschool infants infant juniors
junior high grammar
""")
# A school's name needs something more specific than these words in front of the suffix.
GENERIC_SCHOOL_WORDS = frozenset(words("""
the a an his her their its our my your this that new old local current previous former
primary secondary special virtual forest sunday summer boarding grammar high junior
infant infants nursery mainstream independent residential church catholic faith free
state private sixth form further education day pre after breakfast holiday community
sports art music main same other another any every each next last both school schools
village city county family first middle upper lower senior his her attends attended
early years foundation stage key
at to from in into of for and or with by on year reception
"""))


@dataclass(frozen=True, slots=True)
class Lexicon:
    first_names: frozenset[str]
    last_names: frozenset[str]
    # Both, for a single look-up.
    names: frozenset[str]
    safe_words: frozenset[str]
    trade_words: frozenset[str]
    plain_words: frozenset[str]
    # The whole Zipf frequency of each everyday word ("will" 6, "wren" 3); 0 when rarer than 2.
    zipf_bands: dict[str, int]
    # Beginnings of everyday words, for abbreviations in text-speak: "interp", "conf", "cert".
    word_prefixes: frozenset[str]

    def zipf_band(self, lower: str) -> int:
        return self.zipf_bands.get(lower, 0)

    def is_name(self, lower: str) -> bool:
        return lower in self.names

    def is_plain_word(self, lower: str) -> bool:
        return lower in self.plain_words


def _collect(provider: type, attributes: tuple[str, ...]) -> set[str]:
    found = set()
    for attribute in attributes:
        values = getattr(provider, attribute, ())
        for value in values:
            if isinstance(value, str) and value.isalpha():
                found.add(value.lower())
    return found


def _latin(words: set[str]) -> set[str]:
    return {w for w in words if len(w) > 1 and all(c.isalpha() and c < "\u0250" for c in w)}


@cache
def default_lexicon() -> Lexicon:
    first: set[str] = set(EXTRA_FIRST_NAMES)
    last: set[str] = set(EXTRA_LAST_NAMES)
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first |= _collect(provider, FIRST_NAME_ATTRIBUTES)
        last |= _collect(provider, LAST_NAME_ATTRIBUTES)
    trade = frozenset(TRADE_WORDS) | ROLE_WORDS | TITLES
    # Months that are also names behave like ordinary words ("in April", "April said").
    safe = frozenset(safe_words.WORDS.split()) | {"jan", "april", "may", "june", "august"}
    bands = getattr(safe_words, "ZIPF_BANDS", None)
    if bands is None:  # pragma: no cover - a safe_words.py generated before the bands existed
        raise ImportError("stepwise/privacy/deid/safe_words.py is out of date: run `make setup`.")
    zipf_bands = {word: band for band, text in bands.items() for word in text.split()}
    first_names = frozenset(_latin(first) - trade)
    last_names = frozenset(_latin(last) - trade)
    return Lexicon(
        first_names=first_names,
        last_names=last_names,
        names=first_names | last_names,
        safe_words=safe,
        trade_words=trade,
        plain_words=safe | trade,
        zipf_bands=zipf_bands,
        word_prefixes=frozenset(
            word[:k] for word, band in zipf_bands.items() if band >= 3 for k in range(3, min(len(word), 7))
        ),
    )
