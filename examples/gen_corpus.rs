//! Writes a complete, realistic hub of N pages for benchmarks (issue 8) and search tests
//! (issue 3):
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT N [--seed S]
//! ```
//!
//! OUT gets a `hub.yaml` (topic and region vocabularies, menu, the four taxonomies) and a
//! `content/` folder with the home page, one `_index.md` per section and N pages across every
//! content type: guides, stories, reports (some as page bundles with a small PDF and an SVG
//! chart), webinars, articles, presentations, roundtables, events (local start and end times
//! with a time zone), about N/50 member profiles and one top-level page. Pages carry topics and
//! regions from the vocabularies, free tags, member ids as authors, relative links to other
//! generated pages (some with `#anchors` to headings that exist), tables, lists, blockquotes,
//! footnotes and several `##`/`###` headings, with 300–900 words of pseudo-English drawn from a
//! vocabulary of a few thousand real words with Zipf-like frequencies.
//!
//! The output depends only on N and the seed (default 1). The generated hub builds with no
//! error and no warning (`praxis check --strict`). The generator is also compiled into the
//! criterion benches (`benches/common/mod.rs`) through [`generate`].

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus OUT N [--seed S]";
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--seed" {
            seed = args
                .get(i + 1)
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| fail(usage));
            i += 2;
        } else {
            positional.push(args[i].clone());
            i += 1;
        }
    }
    let [out, n] = positional.as_slice() else {
        fail(usage)
    };
    let n: usize = n.parse().unwrap_or_else(|_| fail(usage));
    let started = std::time::Instant::now();
    match generate(Path::new(out), n, seed) {
        Ok(stats) => eprintln!(
            "gen_corpus: {} pages ({} members, {} bundles), {} words from a vocabulary of {}, {:.1} MB of Markdown in {} ({:.1} s)",
            stats.pages,
            stats.members,
            stats.bundles,
            stats.words,
            Lexicon::new().distinct_words(),
            stats.bytes as f64 / 1e6,
            out,
            started.elapsed().as_secs_f64()
        ),
        Err(err) => fail(&format!("gen_corpus: cannot write {out}: {err}")),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}

/// What [`generate`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Markdown pages, `_index.md` files not included.
    pub pages: usize,
    /// Member profiles among them.
    pub members: usize,
    /// Page bundles (reports with a PDF and a chart).
    pub bundles: usize,
    /// Words of body text written.
    pub words: usize,
    /// Bytes of Markdown written.
    pub bytes: usize,
}

// ---------------------------------------------------------------------------------------------
// Randomness: SplitMix64, and Zipf-distributed choices from ranked lists.

/// SplitMix64: tiny, fast, and good enough for text.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed and a stream number, so each page has its own stream.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Cumulative weights 1/(rank+1)^s over a ranked list: the first words are the most frequent.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

/// A ranked list of words with a Zipf sampler.
struct Ranked<T> {
    items: Vec<T>,
    zipf: Zipf,
}

impl<T> Ranked<T> {
    fn new(items: Vec<T>, s: f64) -> Ranked<T> {
        let zipf = Zipf::new(items.len(), s);
        Ranked { items, zipf }
    }

    fn sample(&self, rng: &mut Rng) -> &T {
        &self.items[self.zipf.sample(rng)]
    }
}

// ---------------------------------------------------------------------------------------------
// The vocabulary. Each list is ranked from most to least frequent.

/// Count nouns; `sg/pl` gives an irregular plural.
const COUNT_NOUNS: &str = "
household community district programme project village school service system point
water-point facility year month week day area team member group partner government
committee officer worker user family child/children woman/women man/men girl boy student
teacher nurse doctor engineer mechanic technician volunteer leader manager coordinator
researcher donor supplier contractor mason plumber operator farmer trader vendor
borehole well pump handpump tap kiosk tank reservoir pipe pipeline network spring river
lake dam catchment aquifer latrine toilet pit slab sink station dispenser filter meter
valve generator panel truck bicycle jerrycan bucket container tablet kit sample test
survey census interview visit assessment review evaluation study report guide plan
budget tariff fee subsidy loan grant contract agreement policy law rule standard target
indicator measure result outcome finding lesson question answer problem challenge risk
barrier cause reason effect change step approach method tool model framework process
cycle stage phase task role decision meeting workshop training session course module
exercise webinar presentation roundtable conversation discussion debate story example
case pilot trial campaign intervention activity initiative network platform database
dashboard map record form register list table chart figure number rate share cost price
payment income saving expense repair breakdown failure fault spare-part supply
schedule visit shift season flood drought storm cyclone heatwave outbreak epidemic
disease infection illness symptom clinic hospital ward centre office ministry agency
utility company enterprise business market shop cooperative association federation
union board council authority municipality city town settlement neighbourhood street
road route region country province state county commune ward camp site zone border
classroom pupil parent caregiver mother father adolescent patient client customer
resident citizen official inspector auditor facilitator promoter champion trainer
mentor coach peer colleague expert specialist consultant advisor economist
hydrogeologist epidemiologist planner architect designer analyst statistician
guideline manual handbook toolkit checklist protocol procedure template brief note
article paper journal book chapter section page summary abstract conclusion
recommendation priority principle value norm habit behaviour practice routine skill
competence capacity resource asset investment fund account invoice receipt bill
connection household-connection standpipe stall queue container drum cistern gutter
roof tap-stand soakaway drain sewer treatment-plant truck-load desludger toilet-block
handwashing-station soap-bar pad cup pot stove bed net vaccine dose test-kit sensor
phone message call radio poster leaflet banner song drama event festival holiday
election term mandate reform strategy programme-area workplan milestone deliverable
baseline endline sample-size respondent enumerator questionnaire tablet-form photo
video recording transcript quote voice opinion view perspective experience memory
classroom-block dormitory kitchen canteen playground fence gate lock key shelf/shelves cupboard
incinerator waste-bin sharps-box glove mask apron gown bed-sheet mattress stretcher
laboratory microscope incubator reagent culture swab specimen slide thermometer scale
vaccination immunisation consultation diagnosis/diagnoses prescription referral admission
discharge birth delivery pregnancy newborn infant toddler grandmother midwife
pharmacist cleaner caretaker janitor headteacher principal inspector-general
textbook exercise-book lesson timetable term-report exam grade certificate diploma
scholarship bursary uniform bag shoe chair desk blackboard chalk pen pencil notebook
well-head apron-slab drainage-channel cattle-trough garden orchard field plot farm
harvest crop seed fertiliser pesticide canal ditch terrace pond borrow-pit quarry
mine factory workshop warehouse depot yard garage tanker lorry motorbike boat ferry
bridge culvert embankment levee shelter camp-site settlement-block tent latrine-block
shower washroom laundry wash-basin basin bowl ladle scoop lid hose nozzle tap-head
meter-reader bill-collector cashier clerk secretary treasurer chairperson chair
vice-chair steering-group working-group task-force focal-point desk-officer
commissioner governor mayor councillor chief elder imam pastor priest healer
journalist broadcaster blogger photographer filmmaker artist musician actor
";

/// Mass (uncountable) nouns: only used in singular slots.
const MASS_NOUNS: &str = "
water sanitation hygiene health education evidence data information knowledge research
funding finance money maintenance monitoring learning practice quality safety access
equity inclusion participation accountability governance leadership ownership trust
support demand supply coverage use uptake progress growth poverty income nutrition
malaria cholera diarrhoea typhoid dengue tuberculosis HIV malnutrition stunting anaemia
chlorine soap sludge waste wastewater groundwater rainfall rain runoff recharge
drainage treatment storage transport infrastructure equipment hardware software
training guidance advice feedback attention time energy electricity fuel land soil
sand gravel concrete cement plastic steel iron arsenic fluoride salinity turbidity
contamination pollution erosion flooding heat climate weather planning design
construction procurement management administration coordination collaboration
communication advocacy policy-making budgeting accounting reporting documentation
research-uptake mentoring supervision follow-up outreach engagement awareness dignity
privacy security resilience adaptation mitigation recovery preparedness response
emergency conflict displacement migration urbanisation agriculture irrigation
livestock fishing trade employment labour transparency corruption legislation
regulation enforcement compliance certification verification accreditation
";

/// Verbs; `base:past` or `base:past:participle` for irregular or doubled forms.
const VERBS: &str = "
improve support reduce increase provide use build repair maintain monitor test
measure collect report share learn train help work need find:found make:made take:took:taken
give:gave:given show:showed:shown keep:kept run:ran:run pay:paid plan:planned
manage fund install replace treat clean store supply deliver design develop identify
assess review compare explain describe discuss agree decide choose:chose:chosen start
stop:stopped continue change adapt expand scale track record analyse estimate calculate
protect prevent promote encourage persuade convince invite involve engage include
exclude reach serve connect extend finance subsidise charge collect borrow lend:lent
save spend:spent invest recover rebuild:rebuilt dig:dug drill pump chlorinate filter
flush empty fill rise:rose:risen fall:fell:fallen grow:grew:grown drop:dropped
fail break:broke:broken last depend rely apply adopt trigger verify certify declare
document publish build:built:built write:wrote:written read:read:read visit interview survey
map count check inspect audit evaluate understand:understood:understood ask answer
respond listen talk discuss present teach:taught:taught mentor coach organise host
facilitate lead:led chair attend join leave:left meet:met call send:sent receive
request propose negotiate sign allocate approve reject prioritise budget procure
contract hire employ recruit pilot launch close open operate own share refill deliver
transport carry wash boil drink:drank:drunk cook grow:grew:grown harvest irrigate
prepare respond recover adapt withstand:withstood:withstood cope struggle succeed
benefit suffer contribute matter help remain:remained become:became:become seem
appear tend try hope expect want prefer argue suggest recommend warn note observe
notice find:found confirm challenge question reflect consider focus target address
tackle solve resolve overcome:overcame:overcome reduce lower raise cut:cut:cut
double halve extend shorten simplify standardise integrate combine link align
coordinate convene facilitate moderate summarise translate interpret print display
sustain enable empower mobilise sensitise refer:referred screen diagnose vaccinate immunise
disinfect sterilise dispose recycle compost reuse excavate line:lined seal pour mix
dry schedule reschedule remind enrol:enrolled graduate supervise assist
accompany welcome thank celebrate acknowledge recognise reward sanction fine enforce
regulate license benchmark rank score weigh sample quantify model:modelled forecast
predict simulate visualise tabulate code upload download message
phone broadcast advertise market sell:sold buy:bought:bought rent lease repay
default insure guarantee underwrite match retrofit upgrade rehabilitate
decommission abandon relocate resettle evacuate shelter house feed nourish breastfeed
examine discharge admit:admitted isolate quarantine trace notify
";

const ADJECTIVES: &str = "
local rural urban public private small large new old first last main key common
important different similar local-level national regional global simple complex
low high poor better best worse safe unsafe clean dirty reliable functional
non-functional broken affordable expensive cheap free basic improved shared
individual informal formal annual monthly weekly daily seasonal dry wet early late
long short practical technical financial social political environmental sustainable
effective efficient useful clear strong weak active available full empty regular
young older vulnerable marginalised remote poorest richest community-led district-level
participatory inclusive accessible gender-sensitive climate-resilient resilient
long-term short-term medium-term current previous recent future likely possible
difficult easy hard critical essential serious significant modest major minor
average typical real actual direct indirect total overall median additional
independent external internal joint open transparent accountable responsible
trained skilled experienced qualified willing able ready aware careful quick slow
steady rapid gradual sudden frequent rare occasional persistent intermittent
continuous limited adequate sufficient insufficient appropriate relevant realistic
ambitious successful unsuccessful promising disappointing encouraging surprising
obvious visible hidden unclear uncertain consistent fragile stable robust flexible
comparable measurable verifiable reported estimated observed expected unexpected
paid unpaid voluntary mandatory legal illegal official unofficial traditional modern
household-level school-based facility-based home-based market-based results-based
healthy unhealthy sick hungry thirsty tired busy crowded quiet noisy wealthy
landless indigenous displaced migrant refugee pregnant elderly disabled literate
illiterate numerate educated uneducated female male adolescent newborn underweight
stunted wasted chronic acute infectious contagious preventable treatable fatal
mild severe moderate sanitary insanitary hygienic unhygienic potable drinkable salty
brackish turbid muddy shallow deep hand-dug motorised solar-powered gravity-fed
piped unpiped metered unmetered flat-rate volumetric progressive regressive fair
unfair equitable inequitable transparent opaque decentralised centralised elected
appointed accountable answerable corrupt honest capable competent motivated
demotivated overworked underpaid understaffed well-staffed funded underfunded
";

const ADVERBS: &str = "
often also still only usually already rarely always never quickly slowly clearly
mostly largely partly fully directly regularly carefully simply especially mainly
generally typically sometimes frequently gradually steadily sharply slightly
significantly consistently reliably successfully effectively locally nationally
together separately jointly early later soon now again first finally initially
eventually recently previously currently increasingly widely closely strongly
";

const PLACES: &str = "
Kenya Uganda Tanzania Ethiopia Rwanda Malawi Zambia Mozambique Ghana Nigeria Senegal
Mali Niger Burkina-Faso Sierra-Leone Liberia Togo Benin Cameroon Madagascar
Bangladesh India Nepal Pakistan Sri-Lanka Cambodia Vietnam Laos Myanmar Indonesia
Philippines Timor-Leste Peru Bolivia Ecuador Colombia Guatemala Honduras Nicaragua Haiti
Jordan Lebanon Yemen Iraq Egypt Morocco Tunisia Sudan Somalia South-Sudan
Kisumu Nairobi Kampala Dar-es-Salaam Addis-Ababa Kigali Lilongwe Lusaka Maputo Accra
Tamale Kumasi Lagos Kano Abuja Dakar Bamako Ouagadougou Freetown Dhaka Chittagong
Kathmandu Karachi Lahore Colombo Phnom-Penh Hanoi Hue Danang Vientiane Yangon Jakarta
Makassar Manila Cebu Lima Cajamarca Cusco La-Paz Cochabamba Quito Bogota Tegucigalpa
Amman Irbid Beirut Tripoli Sanaa Aden Mosul Cairo Rabat Khartoum Mogadishu Juba
";

const FIRST_NAMES: &str = "
Amina Kwame Grace Lucia Rahul Sofia Thanh Abena Yakubu Fatou Jorge Esther Hamid Claire
Tanvir Priya Joseph Mary John Fatima Ahmed Aisha Moses Ruth David Sarah Daniel Ana
Carlos Maria Juan Rosa Pedro Nguyen Linh Minh Hoa Ravi Anjali Sunita Arjun Meena
Samuel Peter Paul James Agnes Beatrice Charles Emmanuel Florence Ibrahim Halima Musa
Zainab Omar Layla Yusuf Nadia Karim Rania Sami Leila Hassan Mariam Ali Noura Khalid
Chinwe Ngozi Olu Tunde Funmi Kofi Ama Yaw Akua Kojo Efua Wanjiru Otieno Achieng
Mwangi Njeri Kamau Akinyi Baraka Neema Juma Rehema Dina Tomas Elena Miguel Lucia
";

const LAST_NAMES: &str = "
Okafor Asante Wanjiru Fernandez Menon Haddad Nguyen Owusu Alhassan Diallo Quispe Nakato
Rahimi Dubois Ahmed Raman Mensah Boateng Otieno Kariuki Mwangi Ochieng Banda Phiri
Mutua Njoroge Abubakar Bello Danjuma Eze Adeyemi Traore Coulibaly Sow Ba Ndiaye
Kamara Sesay Koroma Sharma Gupta Das Khan Hossain Rahman Chowdhury Perera Silva
Tran Pham Le Hoang Vo Santos Reyes Cruz Garcia Lopez Mamani Condori Torres Ramirez
Morales Castillo Mendoza Saleh Khalil Nasser Hamdan Aziz Farah Hassan Yusuf Mohamed
Ali Abdi Omondi Wekesa Chanda Tembo Zulu Moyo Dlamini Mbeki Kiprop Chebet Achieng
";

const ORG_KINDS: &str = "
Water Office|Health Office|Sanitation Unit|Water Board|Utility|Learning Group|Resource Centre|Research Institute|Foundation|Trust|Initiative|Alliance|Network|Cooperative|Federation
";

const ROLES: &[&str] = &[
    "District Water Officer",
    "Sanitation Programme Lead",
    "Hygiene Promotion Coordinator",
    "Hydrogeologist",
    "Monitoring and Evaluation Officer",
    "Utility Manager",
    "Public Health Engineer",
    "Research Fellow",
    "Programme Manager",
    "Community Development Officer",
    "School Health Coordinator",
    "WASH Adviser",
    "Area Mechanic Supervisor",
    "Finance and Tariffs Specialist",
    "Gender and Inclusion Adviser",
    "Emergency WASH Coordinator",
];

const LANGUAGES: &[&str] = &[
    "English",
    "French",
    "Spanish",
    "Arabic",
    "Portuguese",
    "Swahili",
    "Hausa",
    "Yoruba",
    "Igbo",
    "Amharic",
    "Bengali",
    "Hindi",
    "Nepali",
    "Urdu",
    "Vietnamese",
    "Khmer",
    "Quechua",
    "Twi",
    "Dagbani",
    "Luganda",
];

const TAGS: &str = "
handpumps boreholes chlorination area-mechanics tariffs schools households clinics
odf-sustainability slippage masons sanitation-marketing faecal-sludge desludging
pit-emptying handwashing soap menstrual-pads school-toilets water-safety-plans
water-quality-testing arsenic fluoride rainwater-harvesting piped-schemes kiosks
community-management life-cycle-costs results-based-financing microfinance
subsidies targeting disability-access gender-norms behaviour-change nudges
cholera-preparedness flood-response drought-response climate-risk early-warning
mobile-data dashboards functionality census baseline endline sampling
participatory-monitoring citizen-science district-planning national-policy
regulation utilities private-operators professionalisation spare-parts
supply-chains procurement maintenance-contracts service-levels urban-poor
informal-settlements refugee-camps emergencies health-care-facilities
infection-prevention environmental-cleaning waste-management greywater
container-based-sanitation sewers treatment-plants reuse irrigation
groundwater-recharge check-dams aquifer-mapping water-level-monitoring
solar-pumping energy costs capital-maintenance operation-and-maintenance
tariff-setting willingness-to-pay affordability water-committees women-leadership
youth training curriculum facilitator-guides case-studies lessons-learned
peer-learning exchange-visits field-visits workshops webinars annual-gathering
research-uptake evidence-reviews randomised-trials cost-effectiveness
mixed-methods qualitative-research surveys interviews focus-groups photos
";

/// The topics vocabulary: (id, name, description).
const TOPICS: &[(&str, &str, &str)] = &[
    (
        "water-quality",
        "Water quality",
        "Testing, treating and safeguarding drinking water from source to cup.",
    ),
    (
        "community-led-sanitation",
        "Community-led sanitation",
        "Approaches that help communities end open defecation on their own terms.",
    ),
    (
        "monitoring-evaluation",
        "Monitoring and evaluation",
        "Measuring whether services work and whether they last.",
    ),
    (
        "financing",
        "Financing",
        "Tariffs, subsidies, microfinance and public budgets for services that last.",
    ),
    (
        "hygiene-behaviour",
        "Hygiene behaviour",
        "Handwashing and other hygiene practices, and what makes them stick.",
    ),
    (
        "groundwater",
        "Groundwater",
        "Wells, boreholes, aquifers and their recharge.",
    ),
    (
        "climate-adaptation",
        "Climate adaptation",
        "Keeping water and sanitation services working through droughts, floods and heat.",
    ),
    (
        "urban-sanitation",
        "Urban sanitation",
        "Faecal sludge management and sanitation in towns and cities.",
    ),
    (
        "gender-inclusion",
        "Gender and inclusion",
        "Services that work for women, girls, people with disabilities and marginalised groups.",
    ),
    (
        "menstrual-health",
        "Menstrual health",
        "Dignified menstrual health and hygiene in schools, homes and workplaces.",
    ),
    (
        "wash-in-schools",
        "WASH in schools",
        "Water, toilets and handwashing where children learn.",
    ),
    (
        "health-care-facilities",
        "WASH in health care facilities",
        "Water, sanitation, hygiene and waste management in clinics and hospitals.",
    ),
    (
        "emergencies",
        "Emergencies",
        "Water and sanitation in displacement, conflict and disaster response.",
    ),
    (
        "governance",
        "Governance and regulation",
        "Who is responsible for services, and how they are held to account.",
    ),
    (
        "rural-water-supply",
        "Rural water supply",
        "Handpumps, small piped schemes and the people who keep them running.",
    ),
    (
        "nutrition",
        "Nutrition and health",
        "How water, sanitation and hygiene shape nutrition, growth and disease.",
    ),
];

const REGIONS: &[(&str, &str)] = &[
    ("east-africa", "East Africa"),
    ("west-africa", "West Africa"),
    ("southern-africa", "Southern Africa"),
    ("south-asia", "South Asia"),
    ("southeast-asia", "Southeast Asia"),
    ("latin-america", "Latin America"),
    ("middle-east-north-africa", "Middle East and North Africa"),
    ("global", "Global"),
];

/// Time zones of event venues (none has a clock change between 08:00 and 18:00).
const TIMEZONES: &[(&str, &str)] = &[
    ("Africa/Nairobi", "Nairobi, Kenya"),
    ("Africa/Accra", "Tamale, Ghana"),
    ("Africa/Lagos", "Abuja, Nigeria"),
    ("Africa/Kampala", "Kampala, Uganda"),
    ("Africa/Dakar", "Dakar, Senegal"),
    ("Africa/Maputo", "Maputo, Mozambique"),
    ("Asia/Dhaka", "Dhaka, Bangladesh"),
    ("Asia/Kathmandu", "Kathmandu, Nepal"),
    ("Asia/Kolkata", "Pune, India"),
    ("Asia/Ho_Chi_Minh", "Hue, Vietnam"),
    ("Asia/Manila", "Cebu, Philippines"),
    ("America/Lima", "Cajamarca, Peru"),
    ("America/La_Paz", "Cochabamba, Bolivia"),
    ("America/Bogota", "Bogota, Colombia"),
    ("Asia/Amman", "Amman, Jordan"),
    ("Europe/London", "London, United Kingdom"),
    ("Europe/Paris", "Paris, France"),
];

struct Noun {
    sg: String,
    pl: Option<String>,
}

struct Verb {
    base: String,
    s: String,
    past: String,
    participle: String,
    ing: String,
}

fn words(list: &str) -> impl Iterator<Item = &str> {
    list.split_whitespace()
}

/// Hyphens in the lists join multi-word entries ("water-point"); most become spaces.
fn unhyphen(word: &str) -> String {
    const KEEP: &[&str] = &[
        "non-functional",
        "community-led",
        "district-level",
        "gender-sensitive",
        "climate-resilient",
        "long-term",
        "short-term",
        "medium-term",
        "household-level",
        "school-based",
        "facility-based",
        "home-based",
        "market-based",
        "results-based",
        "follow-up",
        "local-level",
        "policy-making",
        "Timor-Leste",
    ];
    if KEEP.contains(&word) {
        word.to_string()
    } else {
        word.replace('-', " ")
    }
}

fn ends_with_consonant_y(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

fn plural(word: &str) -> String {
    if word.ends_with("ch")
        || word.ends_with("sh")
        || word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with('z')
    {
        format!("{word}es")
    } else if ends_with_consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

fn verb(entry: &str) -> Verb {
    let mut parts = entry.split(':');
    let base = parts.next().unwrap_or(entry).to_string();
    let explicit_past = parts.next().map(str::to_string);
    let explicit_participle = parts.next().map(str::to_string);
    let s = if base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with('o')
    {
        format!("{base}es")
    } else if ends_with_consonant_y(&base) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let past = explicit_past.clone().unwrap_or_else(|| {
        if base.ends_with('e') {
            format!("{base}d")
        } else if ends_with_consonant_y(&base) {
            format!("{}ied", &base[..base.len() - 1])
        } else {
            format!("{base}ed")
        }
    });
    let participle = explicit_participle.unwrap_or_else(|| past.clone());
    let last = base.chars().last().unwrap_or('x');
    let doubled = explicit_past
        .as_deref()
        .is_some_and(|p| p.ends_with(&format!("{last}{last}ed")));
    let ing = if doubled {
        format!("{base}{last}ing")
    } else if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    Verb {
        base,
        s,
        past,
        participle,
        ing,
    }
}

/// Every word list, ranked, with its sampler.
pub struct Lexicon {
    count: Ranked<Noun>,
    nouns: Ranked<Noun>,
    verbs: Ranked<Verb>,
    adjectives: Ranked<String>,
    adverbs: Ranked<String>,
    places: Ranked<String>,
    first: Ranked<String>,
    last: Ranked<String>,
    org_kinds: Vec<String>,
    tags: Ranked<String>,
}

impl Lexicon {
    /// Builds the lexicon from the lists above.
    pub fn new() -> Lexicon {
        let parse_noun = |w: &str| match w.split_once('/') {
            Some((sg, pl)) => Noun {
                sg: unhyphen(sg),
                pl: Some(unhyphen(pl)),
            },
            None => Noun {
                sg: unhyphen(w),
                pl: Some(plural(&unhyphen(w))),
            },
        };
        let count: Vec<Noun> = words(COUNT_NOUNS).map(parse_noun).collect();
        // Singular slots mix count and mass nouns, interleaved so both keep high ranks.
        let mass: Vec<Noun> = words(MASS_NOUNS)
            .map(|w| Noun {
                sg: unhyphen(w),
                pl: None,
            })
            .collect();
        let mut nouns = Vec::new();
        let (mut c, mut m) = (count.iter(), mass.iter());
        loop {
            let a = c.next();
            let b = m.next();
            if a.is_none() && b.is_none() {
                break;
            }
            for n in a.into_iter().chain(b) {
                nouns.push(Noun {
                    sg: n.sg.clone(),
                    pl: n.pl.clone(),
                });
            }
        }
        let owned = |list: &str| words(list).map(unhyphen).collect::<Vec<_>>();
        Lexicon {
            count: Ranked::new(count, 1.0),
            nouns: Ranked::new(nouns, 1.0),
            verbs: Ranked::new(words(VERBS).map(verb).collect(), 1.0),
            adjectives: Ranked::new(owned(ADJECTIVES), 1.0),
            adverbs: Ranked::new(owned(ADVERBS), 1.0),
            places: Ranked::new(owned(PLACES), 0.8),
            first: Ranked::new(owned(FIRST_NAMES), 0.5),
            last: Ranked::new(owned(LAST_NAMES), 0.5),
            org_kinds: ORG_KINDS.trim().split('|').map(str::to_string).collect(),
            tags: Ranked::new(words(TAGS).map(unhyphen).collect(), 0.9),
        }
    }

    /// Distinct words the lexicon can produce (inflections included), for the docs.
    pub fn distinct_words(&self) -> usize {
        let mut all: HashSet<String> = HashSet::new();
        let mut add = |s: &str| {
            for w in s.split([' ', '-']) {
                all.insert(w.to_lowercase());
            }
        };
        for n in &self.nouns.items {
            add(&n.sg);
            if let Some(pl) = &n.pl {
                add(pl);
            }
        }
        for v in &self.verbs.items {
            for f in [&v.base, &v.s, &v.past, &v.participle, &v.ing] {
                add(f);
            }
        }
        for list in [
            &self.adjectives,
            &self.adverbs,
            &self.places,
            &self.first,
            &self.last,
        ] {
            for w in &list.items {
                add(w);
            }
        }
        for w in words(FUNCTION_WORDS) {
            add(w);
        }
        all.len()
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

/// Function words the sentence patterns use, listed for the vocabulary count.
const FUNCTION_WORDS: &str = "the a an of and to in is was that for it with as on by at from
this these those their our its his her they we you he she be been are were has have had
not but or so yet if when because while although after before until since than then there
which who whose what how why where more most less fewer many much some any each every all
both one two three four only also can could should would will may might must do does did";

// ---------------------------------------------------------------------------------------------
// Sentences.

/// Sentence patterns. Slots: {n} singular noun, {c} singular count noun, {ns} plural noun,
/// {a} adjective, {v} {vs} {vd} {vp} {vg} verb forms, {r} adverb, {p} place, {num} a small
/// number, {big} a large one, {pct} a percentage, {yr} a year, {person} a name, {org} an
/// organisation, {an} a/an agreeing with the next word, {det} a singular determiner, {dets} a
/// plural one, {prep} a preposition, {month} a month.
const PATTERNS: &[&str] = &[
    "The {a} {n} {vd} {det} {c} in {p}.",
    "Most {ns} {v} {det} {a} {c} before the {c} {vs}.",
    "In {yr}, {num} {ns} in {p} {vd} the {n} {r}.",
    "{pct} of {ns} {vd} the {c}, compared with {pct} a year earlier.",
    "We {vd} {num} {ns} and found that the {n} was {r} {a}.",
    "When the {c} {vs}, {ns} {v} the {a} {c} and {v} {det} {n}.",
    "This {c} {vs} how {ns} can {v} {a} {ns} without {vg} the {n}.",
    "{person}, who {vs} the {n} of the {org}, said that {ns} {v} {r}.",
    "It is {a} to {v} the {n} of {ns} {prep} the {a} {c}.",
    "There were {num} {ns} and {num} {ns}, but only {num} of them {vd} {an} {a} {c}.",
    "Because {ns} {v} the {n}, the {c} {vs} {a} for {ns} and {ns}.",
    "{vg} the {n} {vs} {a} {ns}, {r} in {a} {ns}.",
    "The {n} {vd} by {pct} after the {org} {vd} its {c}.",
    "Ask whether the {c} {vs} the {n} before you {v} {an} {a} {c}.",
    "Few {ns} had {vp} {an} {c} since {yr}.",
    "{dets} {ns} {prep} {p} {r} {v} {a} {ns} when the {n} is {a}.",
    "The {org} {vd} {big} {ns} between {yr} and {yr}.",
    "Without {a} {n}, {ns} {v} the {c} and the {n} {vs} {a}.",
    "{person} {vd} that the {a} {ns} were {r} {a}, and that the {n} {vd} {r}.",
    "A {a} {c} is not enough: {ns} also need {n} and {a} {n}.",
    "Each {c} {vs} {num} {ns}, and {det} {c} {vs} about {num} {ns} a month.",
    "Our {ns} {r} {v} the {n} themselves, with {n} from the {org}.",
    "The {a} lesson is that {n} {vs} more than {n}.",
    "By {month} {yr}, {pct} of the {ns} had {vp} their {c}.",
    "If the {c} {vs}, who {vs} the {n}?",
    "{ns} {prep} the {a} {c} {vd} {r}, while {ns} {prep} {p} {vd} {a} {n}.",
    "The {c} {vd} {r} {a}, so the {org} {vd} {det} {c} in {month}.",
    "That is why {ns} {r} {v} {n} and {n} together.",
    "For {ns}, the {a} {c} is {an} {a} {c} rather than {an} {a} {c}.",
    "{ns} who {vd} {a} {n} were {num} times more likely to {v} the {c}.",
    "Median {n} {vd} from {num} days to {num} days.",
    "Where the {n} is {a}, {ns} {v} {a} {ns} {r}.",
    "The {org} and the {org} {vd} {an} {a} {c} for {n} and {n}.",
    "We {r} {v} {ns} to {v} the {c} and to {v} {det} {n}.",
    "None of the {ns} {vd} the {c} as {a} as the {n}.",
    "This is {an} {a} {c}: the {ns} {v} {n}, and the {n} {vs} {r}.",
];

const PREPOSITIONS: &[&str] = &[
    "in", "for", "with", "across", "after", "before", "around", "through", "under", "near",
    "within", "beyond", "among", "outside",
];
const DETERMINERS: &[&str] = &[
    "the", "this", "each", "every", "their", "our", "one", "that",
];
const PLURAL_DETERMINERS: &[&str] = &[
    "The", "These", "Many", "Most", "Some", "Our", "Their", "Other",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes pseudo-English text.
pub struct Writer<'a> {
    lex: &'a Lexicon,
    /// The page's stream.
    pub rng: Rng,
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn starts_with_vowel_sound(word: &str) -> bool {
    let lower = word.trim_start_matches(['*', '[']).to_lowercase();
    if lower.starts_with("uni") || lower.starts_with("use") || lower.starts_with("one") {
        return false;
    }
    if lower.starts_with("hiv") || lower.starts_with("hour") {
        return true;
    }
    lower.starts_with(['a', 'e', 'i', 'o', 'u'])
}

impl<'a> Writer<'a> {
    /// A writer for one page's stream.
    pub fn new(lex: &'a Lexicon, rng: Rng) -> Writer<'a> {
        Writer { lex, rng }
    }

    fn noun(&mut self) -> String {
        self.lex.nouns.sample(&mut self.rng).sg.clone()
    }

    fn count_noun(&mut self) -> String {
        self.lex.count.sample(&mut self.rng).sg.clone()
    }

    fn nouns(&mut self) -> String {
        let noun = self.lex.count.sample(&mut self.rng);
        noun.pl.clone().unwrap_or_else(|| noun.sg.clone())
    }

    fn adjective(&mut self) -> String {
        self.lex.adjectives.sample(&mut self.rng).clone()
    }

    fn adverb(&mut self) -> String {
        self.lex.adverbs.sample(&mut self.rng).clone()
    }

    fn verb(&mut self) -> &'a Verb {
        self.lex.verbs.sample(&mut self.rng)
    }

    /// A place name.
    pub fn place(&mut self) -> String {
        self.lex.places.sample(&mut self.rng).clone()
    }

    /// A person's full name.
    pub fn person(&mut self) -> String {
        let first = self.lex.first.sample(&mut self.rng).clone();
        let last = self.lex.last.sample(&mut self.rng).clone();
        format!("{first} {last}")
    }

    /// An organisation's name.
    pub fn org(&mut self) -> String {
        let place = self.place();
        let kind = self.rng.pick(&self.lex.org_kinds).clone();
        match self.rng.below(4) {
            0 => format!("{place} {kind}"),
            1 => format!("Ministry of {} of {place}", capitalize(&self.noun())),
            2 => format!("{} {kind}", capitalize(&self.noun())),
            _ => format!("{place} District {kind}"),
        }
    }

    /// A free tag.
    pub fn tag(&mut self) -> String {
        self.lex.tags.sample(&mut self.rng).clone()
    }

    fn number(&mut self) -> String {
        let n = match self.rng.below(3) {
            0 => self.rng.range(2, 12),
            1 => self.rng.range(12, 99),
            _ => self.rng.range(100, 480),
        };
        const SMALL: &[&str] = &[
            "", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ];
        if n <= 10 && self.rng.chance(0.7) {
            SMALL[n].to_string()
        } else {
            n.to_string()
        }
    }

    fn big_number(&mut self) -> String {
        let n = self.rng.range(1_000, 48_000);
        format!("{},{:03}", n / 1000, n % 1000)
    }

    /// One sentence from a random pattern.
    pub fn sentence(&mut self) -> String {
        let pattern = *self.rng.pick(PATTERNS);
        self.fill(pattern)
    }

    /// Fills a pattern's slots.
    pub fn fill(&mut self, pattern: &str) -> String {
        let mut tokens: Vec<String> = Vec::with_capacity(24);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                tokens.push(rest[..open].to_string());
            }
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let slot = &rest[open + 1..close];
            let word = match slot {
                "n" => self.noun(),
                "c" => self.count_noun(),
                "ns" => self.nouns(),
                "a" => self.adjective(),
                "r" => self.adverb(),
                "v" => self.verb().base.clone(),
                "vs" => self.verb().s.clone(),
                "vd" => self.verb().past.clone(),
                "vp" => self.verb().participle.clone(),
                "vg" => self.verb().ing.clone(),
                "p" => self.place(),
                "num" => self.number(),
                "big" => self.big_number(),
                "pct" => format!("{}%", self.rng.range(3, 97)),
                "yr" => self.rng.range(2008, 2026).to_string(),
                "person" => self.person(),
                "org" => self.org(),
                "an" => "\u{1}".to_string(),
                "det" => self.rng.pick(DETERMINERS).to_string(),
                "dets" => self.rng.pick(PLURAL_DETERMINERS).to_string(),
                "prep" => self.rng.pick(PREPOSITIONS).to_string(),
                "month" => self.rng.pick(MONTHS).to_string(),
                other => other.to_string(),
            };
            let word = if matches!(slot, "a" | "n" | "c" | "ns") && self.rng.chance(0.015) {
                if self.rng.chance(0.5) {
                    format!("**{word}**")
                } else {
                    format!("*{word}*")
                }
            } else {
                word
            };
            tokens.push(word);
            rest = &rest[(close + 1).min(rest.len())..];
        }
        if !rest.is_empty() {
            tokens.push(rest.to_string());
        }
        // a/an agrees with the word after it.
        for i in 0..tokens.len() {
            if tokens[i] == "\u{1}" {
                let next = tokens[i + 1..]
                    .iter()
                    .map(|t| t.trim())
                    .find(|t| !t.is_empty())
                    .unwrap_or("x");
                tokens[i] = if starts_with_vowel_sound(next) {
                    "an"
                } else {
                    "a"
                }
                .to_string();
            }
        }
        let text: String = tokens.concat();
        capitalize(text.trim())
    }

    /// A paragraph of `sentences` sentences, with the occasional quotation or aside.
    pub fn paragraph(&mut self, sentences: usize) -> String {
        let mut out = String::new();
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            let mut s = self.sentence();
            if self.rng.chance(0.02) {
                // A quoted remark, turned into curly quotes by smart punctuation.
                let remark = self.fill("the {n} {vs} when {ns} {v} it");
                s = format!(
                    "As one {} put it, \"{}.\"",
                    self.count_noun(),
                    remark.to_lowercase()
                );
            } else if self.rng.chance(0.015) {
                let aside = self.fill("{a} {ns} -- not {a} {ns} -- {v} the {n}");
                s = format!("{}.", capitalize(&aside));
            }
            out.push_str(&s);
        }
        out
    }

    /// A short noun phrase for list items and headings.
    pub fn phrase(&mut self) -> String {
        match self.rng.below(5) {
            0 => format!("{} {}", self.adjective(), self.nouns()),
            1 => format!("{} and {}", self.nouns(), self.nouns()),
            2 => format!("{} {}", self.noun(), self.nouns()),
            3 => format!("{} of {}", self.count_noun(), self.noun()),
            _ => format!("{} {}", self.adjective(), self.noun()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The site plan: every page's place, title and headings, decided before any body is written so
// links can point at pages and headings that exist.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Guide,
    Story,
    Report,
    Webinar,
    Article,
    Presentation,
    Roundtable,
    Event,
    Member,
    Page,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Kind::Guide => "guides",
            Kind::Story => "stories",
            Kind::Report => "reports",
            Kind::Webinar => "webinars",
            Kind::Article => "articles",
            Kind::Presentation => "presentations",
            Kind::Roundtable => "roundtables",
            Kind::Event => "events",
            Kind::Member => "members",
            Kind::Page => "",
        }
    }
}

/// Content types with their share of the non-member pages, in per mille.
const MIX: &[(Kind, usize)] = &[
    (Kind::Guide, 160),
    (Kind::Story, 170),
    (Kind::Report, 120),
    (Kind::Webinar, 100),
    (Kind::Article, 150),
    (Kind::Presentation, 100),
    (Kind::Roundtable, 80),
    (Kind::Event, 120),
];

struct Planned {
    kind: Kind,
    slug: String,
    title: String,
    /// Whether the page is a bundle (`reports/<slug>/index.md`).
    bundle: bool,
    /// (level, text, anchor id) of every body heading, in order.
    headings: Vec<(u8, String, String)>,
}

impl Planned {
    /// Path relative to `content/`.
    fn rel(&self) -> String {
        let section = self.kind.section();
        match (section, self.bundle) {
            ("", _) => format!("{}.md", self.slug),
            (s, true) => format!("{s}/{}/index.md", self.slug),
            (s, false) => format!("{s}/{}.md", self.slug),
        }
    }

    /// The folder of the file, relative to `content/`.
    fn dir(&self) -> String {
        let rel = self.rel();
        rel.rfind('/')
            .map_or(String::new(), |i| rel[..i].to_string())
    }
}

/// GitHub's anchor rule, as Praxis applies it (src/markdown.rs `anchor_id`).
fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            id.extend(c.to_lowercase());
        } else if c == ' ' {
            id.push('-');
        }
    }
    id
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut hyphen = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if hyphen && !slug.is_empty() {
                slug.push('-');
            }
            hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    slug
}

/// The link from a file in folder `from` to the content file `to`.
fn relative(from: &str, to: &str) -> String {
    let depth = from.split('/').filter(|s| !s.is_empty()).count();
    format!("{}{to}", "../".repeat(depth))
}

fn title_for(kind: Kind, w: &mut Writer<'_>) -> String {
    let t = |w: &mut Writer<'_>, patterns: &[&str]| {
        let p = *w.rng.pick(patterns);
        let text = w.fill(p).replace('*', "");
        text.trim_end_matches('.').to_string()
    };
    match kind {
        Kind::Guide => t(
            w,
            &[
                "How to {v} {a} {ns} in {a} {ns}",
                "A field guide to {a} {ns}",
                "{vg} and {vg} {ns}: a practical guide",
                "{vg} {a} {ns} that last",
                "Setting up {an} {a} {c} for {ns}",
            ],
        ),
        Kind::Story => t(
            w,
            &[
                "How {ns} in {p} {vd} their {c}",
                "{num} {ns} and one {c}: {a} {n} in {p}",
                "From {c} to {c}: {ns} in {p}",
                "The {c} that {vd} {a} {n} in {p}",
            ],
        ),
        Kind::Report => t(
            w,
            &[
                "{a} {n} in {p}: {yr} survey",
                "{n} and {n}: a review of {num} {ns}",
                "{n} of {ns} in {p}, {yr}",
                "{a} {ns} and {n}: evidence from {p}",
            ],
        ),
        Kind::Webinar => t(
            w,
            &[
                "{n} at scale: lessons from {p}, {p} and {p}",
                "{vg} {ns}: does it reach the poorest?",
                "{a} {ns} for {a} {n}",
            ],
        ),
        Kind::Article => t(
            w,
            &[
                "Why {ns} {v} {a} {ns}",
                "What {num} years of {n} data show",
                "{a} {ns} and the limits of {n}",
                "Rethinking {n} in {a} {ns}",
            ],
        ),
        Kind::Presentation => t(
            w,
            &[
                "{n} beyond year {num}",
                "{a} {ns} for {a} {ns}",
                "{vg} {n} in {p}: what we learned",
            ],
        ),
        Kind::Roundtable => t(
            w,
            &[
                "Who pays for {a} {n}?",
                "Can {ns} {v} the {c}?",
                "{a} {ns} in {a} areas",
            ],
        ),
        Kind::Event => t(
            w,
            &[
                "{p} workshop on {a} {ns}",
                "Learning exchange: {ns} and {ns}",
                "Practice clinic: {vg} {a} {ns}",
                "Regional meeting on {n} and {n}",
            ],
        ),
        Kind::Member | Kind::Page => w.person(),
    }
}

fn headings_for(kind: Kind, w: &mut Writer<'_>) -> Vec<(u8, String, String)> {
    const FIXED: &[&str] = &[
        "Background",
        "Key findings",
        "Method",
        "What we learned",
        "Recommendations",
        "Next steps",
        "Costs",
        "Who took part",
        "Results",
        "Discussion",
        "Further reading",
        "Practical information",
        "Questions from participants",
        "Why this matters",
    ];
    let patterns = [
        "{a} {ns}",
        "{ns} and {ns}",
        "What {ns} {v}",
        "{vg} the {n}",
        "Results by {c}",
        "Lessons for {ns}",
        "{p}: {a} {ns}",
        "Working with {ns}",
        "Step {num}: {v} the {c}",
    ];
    let (lo, hi) = match kind {
        Kind::Member => (1, 2),
        _ => (2, 5),
    };
    let mut used = HashSet::new();
    let mut out = Vec::new();
    let count = w.rng.range(lo, hi);
    for _ in 0..count {
        let mut push = |level: u8, w: &mut Writer<'_>| {
            for _ in 0..8 {
                let text = if w.rng.chance(0.35) {
                    w.rng.pick(FIXED).to_string()
                } else {
                    let p = *w.rng.pick(&patterns);
                    w.fill(p).trim_end_matches('.').to_string()
                };
                let text = text.replace('*', "");
                let id = anchor_id(&text);
                if !id.is_empty() && used.insert(id.clone()) {
                    out.push((level, text, id));
                    return;
                }
            }
        };
        push(2, w);
        if kind != Kind::Member {
            for _ in 0..w.rng.below(3) {
                push(3, w);
            }
        }
    }
    out
}

fn plan(n: usize, seed: u64) -> Vec<Planned> {
    let lex = Lexicon::new();
    let mut w = Writer::new(&lex, Rng::new(seed, u64::MAX));
    let members = (n / 50).max(3).min(n.saturating_sub(1).max(1));
    let rest = n.saturating_sub(members + 1);
    let mut kinds: Vec<Kind> = Vec::with_capacity(n);
    kinds.push(Kind::Page);
    kinds.extend(std::iter::repeat_n(Kind::Member, members));
    let mut assigned = 0;
    for (i, &(kind, share)) in MIX.iter().enumerate() {
        let count = if i + 1 == MIX.len() {
            rest - assigned
        } else {
            rest * share / 1000
        };
        assigned += count;
        kinds.extend(std::iter::repeat_n(kind, count));
    }
    kinds.truncate(n);

    let mut used_slugs: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(kinds.len());
    let mut reports = 0;
    for kind in kinds {
        let title = match kind {
            Kind::Page => "About this hub".to_string(),
            _ => title_for(kind, &mut w),
        };
        let base: String = slugify(&title)
            .split('-')
            .take(7)
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() { "page".into() } else { base };
        let mut slug = base.clone();
        let mut k = 2;
        while !used_slugs.insert(format!("{}/{slug}", kind.section())) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        let bundle = kind == Kind::Report && {
            reports += 1;
            reports % 4 == 1
        };
        let headings = headings_for(kind, &mut w);
        out.push(Planned {
            kind,
            slug,
            title,
            bundle,
            headings,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Files.

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn distinct<F: FnMut() -> String>(count: usize, mut f: F) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for _ in 0..count * 4 {
        if out.len() == count {
            break;
        }
        let v = f();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn date(rng: &mut Rng, from_year: usize, to_year: usize) -> (usize, usize, usize) {
    (
        rng.range(from_year, to_year),
        rng.range(1, 12),
        rng.range(1, 28),
    )
}

/// Writes the hub into `out` (which may exist; files are overwritten, nothing is removed).
pub fn generate(out: &Path, n: usize, seed: u64) -> std::io::Result<Stats> {
    let n = n.max(2);
    let plan = plan(n, seed);
    let lex = Lexicon::new();
    let content = out.join("content");
    std::fs::create_dir_all(&content)?;
    let mut stats = Stats::default();
    let members: Vec<&Planned> = plan.iter().filter(|p| p.kind == Kind::Member).collect();
    let member_ids: Vec<String> = members.iter().map(|p| p.slug.clone()).collect();
    // Co-authors without a profile come from a pool of recurring collaborators, as in a real
    // hub; one new name per page would make the /authors/ list page of a large hub huge.
    let externals = {
        let mut w = Writer::new(&lex, Rng::new(seed, u64::MAX - 1));
        distinct((n / 40).clamp(10, 300), || w.person())
    };
    // Pages that links may point at (profiles only through authors; the top page not at all).
    let targets: Vec<usize> = (0..plan.len())
        .filter(|&i| !matches!(plan[i].kind, Kind::Member | Kind::Page))
        .collect();

    write_hub_yaml(out, n)?;
    write_indexes(&content)?;

    for (i, page) in plan.iter().enumerate() {
        let mut w = Writer::new(&lex, Rng::new(seed, i as u64));
        let people = People {
            members: &member_ids,
            externals: &externals,
        };
        let text = page_file(page, &plan, &targets, &people, &mut w, &mut stats);
        let path = content.join(page.rel());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        stats.bytes += text.len();
        std::fs::write(&path, text)?;
        stats.pages += 1;
        if page.kind == Kind::Member {
            stats.members += 1;
        }
        if page.bundle {
            stats.bundles += 1;
            let dir = path.parent().unwrap_or(&content);
            std::fs::write(dir.join(format!("{}.pdf", page.slug)), pdf(&page.title))?;
            std::fs::write(dir.join("chart.svg"), svg(&mut w))?;
        }
    }
    Ok(stats)
}

fn write_hub_yaml(out: &Path, pages: usize) -> std::io::Result<()> {
    let mut y = String::new();
    y.push_str(
        "# A generated hub for benchmarks: cargo run --release --example gen_corpus -- OUT N\n\
title: Confluence\n\
description: A generated community of practice for water, sanitation, hygiene, health and education practitioners, used to benchmark Praxis.\n\
base_url: https://bench.example.org/\n\
language: en\n\
paginate_by: 20\n\
home_latest: 3\n\
taxonomies: [topics, regions, tags, authors]\n\
vocabularies:\n  topics:\n",
    );
    for (id, name, description) in TOPICS {
        let _ = writeln!(
            y,
            "    - {{ id: {id}, name: {}, description: {} }}",
            quote(name),
            quote(description)
        );
    }
    y.push_str("  regions:\n");
    for (id, name) in REGIONS {
        let _ = writeln!(y, "    - {{ id: {id}, name: {} }}", quote(name));
    }
    if pages > 20_000 {
        // Taxonomy list pages are not paginated: with ~N/50 members, /authors/ of a hub this
        // large outgrows the default page budget of 30 kB.
        let _ = writeln!(y, "page_budget_kb: {}", 30 + pages / 1_000);
    }
    y.push_str("menu:\n");
    for (title, url) in [
        ("Guides", "/guides/"),
        ("Stories", "/stories/"),
        ("Reports", "/reports/"),
        ("Webinars", "/webinars/"),
        ("Articles", "/articles/"),
        ("Events", "/events/"),
        ("Members", "/members/"),
        ("About", "/about-this-hub/"),
    ] {
        let _ = writeln!(y, "  - {{ title: {title}, url: {url} }}");
    }
    std::fs::write(out.join("hub.yaml"), y)
}

fn write_indexes(content: &Path) -> std::io::Result<()> {
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: Confluence\nsummary: A generated community of practice, used to benchmark Praxis on realistic content.\n---\n\n\
Confluence brings together practitioners of water, sanitation, hygiene, health and education. \
Every page of this hub is generated: the words are real, the sentences are not.\n",
    )?;
    let sections: &[(&str, &str, &str, &str)] = &[
        (
            "guides",
            "Guides",
            "Practical, field-tested how-to guides written and reviewed by members.",
            "weight",
        ),
        (
            "stories",
            "Stories",
            "Success and impact stories from members' field work.",
            "date",
        ),
        (
            "reports",
            "Reports",
            "Surveys, evaluations and reviews, with their data and downloads.",
            "date",
        ),
        (
            "webinars",
            "Webinars",
            "Notes, recordings and slides from the monthly webinars.",
            "date",
        ),
        (
            "articles",
            "Articles",
            "Research articles and evidence reviews by members.",
            "date",
        ),
        (
            "presentations",
            "Presentations",
            "Talks members gave at conferences and review meetings.",
            "date",
        ),
        (
            "roundtables",
            "Roundtables",
            "Summaries of moderated discussions between practitioners.",
            "date",
        ),
        (
            "events",
            "Events",
            "Workshops, exchanges and clinics, online and in person.",
            "date",
        ),
        (
            "members",
            "Members",
            "The practitioners who write, review and use this hub.",
            "title",
        ),
    ];
    for (dir, title, summary, sort_by) in sections {
        let dir = content.join(dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("_index.md"),
            format!(
                "---\ntitle: {title}\nsummary: {summary}\nsort_by: {sort_by}\n---\n\n\
{title} are written by members and reviewed by the community before they are published.\n"
            ),
        )?;
    }
    Ok(())
}

/// Who can be named on a page: member ids, and collaborators without a profile.
struct People<'a> {
    members: &'a [String],
    externals: &'a [String],
}

fn page_file(
    page: &Planned,
    plan: &[Planned],
    targets: &[usize],
    people: &People<'_>,
    w: &mut Writer<'_>,
    stats: &mut Stats,
) -> String {
    let members = people.members;
    let mut fm = String::from("---\n");
    let _ = writeln!(fm, "title: {}", quote(&page.title));
    let (y, m, d) = date(&mut w.rng, 2014, 2026);
    let dated = !matches!(page.kind, Kind::Guide | Kind::Member | Kind::Page);
    if dated {
        let _ = writeln!(fm, "date: {y:04}-{m:02}-{d:02}");
    }
    if page.kind != Kind::Page && w.rng.chance(0.3) {
        let _ = writeln!(fm, "updated: {:04}-{m:02}-{d:02}", (y + 1).min(2026));
    }
    if w.rng.chance(0.8) && page.kind != Kind::Member {
        let summary = w.sentence().replace('*', "");
        let _ = writeln!(fm, "summary: {}", quote(&summary));
    }
    if !matches!(page.kind, Kind::Member | Kind::Page) && !members.is_empty() {
        let mut authors = distinct(w.rng.range(1, 2), || w.rng.pick(members).clone());
        if w.rng.chance(0.3) {
            authors.push(w.rng.pick(people.externals).clone());
        }
        let _ = writeln!(fm, "authors: {}", flow_list(&authors));
    }
    let topics = distinct(w.rng.range(1, 3), || {
        let i = Zipf::new(TOPICS.len(), 0.7).sample(&mut w.rng);
        TOPICS[i].0.to_string()
    });
    let regions = distinct(w.rng.range(1, 2), || w.rng.pick(REGIONS).0.to_string());
    if page.kind != Kind::Page {
        let _ = writeln!(fm, "topics: {}", flow_list(&topics));
        let _ = writeln!(fm, "regions: {}", flow_list(&regions));
    }
    if !matches!(page.kind, Kind::Member | Kind::Page) {
        let tags = distinct(w.rng.range(2, 5), || w.tag());
        let _ = writeln!(fm, "tags: {}", flow_list(&tags));
    }
    match page.kind {
        Kind::Guide => {
            if w.rng.chance(0.5) {
                let _ = writeln!(fm, "weight: {}", w.rng.range(1, 50));
            }
            if w.rng.chance(0.1) {
                let _ = writeln!(fm, "aliases: [/toolkit/{}/]", page.slug);
            }
        }
        Kind::Report => {
            let _ = writeln!(fm, "publisher: {}", quote(&w.org()));
            let _ = writeln!(fm, "report_number: WS-R-{y}-{:03}", w.rng.range(1, 400));
            if page.bundle {
                let _ = writeln!(
                    fm,
                    "resources:\n  - title: Full report (PDF)\n    path: {}.pdf\n  - title: Survey data\n    url: https://data.example.org/{}",
                    page.slug, page.slug
                );
            }
        }
        Kind::Webinar => {
            let mut speakers = distinct(w.rng.range(1, 2), || w.rng.pick(members).clone());
            speakers.push(format!("Dr. {}", w.person()));
            let _ = writeln!(fm, "speakers: {}", flow_list(&speakers));
            let _ = writeln!(
                fm,
                "recording: https://video.example.org/confluence/{}\nslides: https://video.example.org/confluence/{}/slides.pdf\nduration: {} min",
                page.slug,
                page.slug,
                [45, 60, 75, 90][w.rng.below(4)]
            );
        }
        Kind::Event => {
            let (tz, place) = *w.rng.pick(TIMEZONES);
            let (sy, sm, _) = date(&mut w.rng, 2016, 2027);
            let sd = w.rng.range(1, 26);
            let start = w.rng.range(8, 14);
            let days = w.rng.range(0, 2);
            let _ = writeln!(fm, "starts: {sy:04}-{sm:02}-{sd:02}T{start:02}:00");
            let _ = writeln!(
                fm,
                "ends: {sy:04}-{sm:02}-{:02}T{:02}:30",
                sd + days,
                start + w.rng.range(2, 4)
            );
            let _ = writeln!(fm, "timezone: {tz}");
            if w.rng.chance(0.4) {
                let _ = writeln!(
                    fm,
                    "location: Online\nonline: https://meet.example.org/{}",
                    page.slug
                );
            } else {
                let _ = writeln!(fm, "location: {}\nonline: false", quote(place));
            }
        }
        Kind::Roundtable => {
            let mut people = distinct(w.rng.range(2, 3), || w.rng.pick(members).clone());
            for _ in 0..w.rng.range(2, 5) {
                people.push(w.person());
            }
            let _ = writeln!(fm, "participants: {}", flow_list(&people));
        }
        Kind::Presentation => {
            let _ = writeln!(
                fm,
                "venue: {}",
                quote(&format!(
                    "{} review meeting, {}",
                    capitalize(&w.phrase()),
                    w.place()
                ))
            );
        }
        Kind::Member => {
            let role = *w.rng.pick(ROLES);
            let _ = writeln!(fm, "role: {}", quote(role));
            let _ = writeln!(fm, "organization: {}", quote(&w.org()));
            let _ = writeln!(fm, "country: {}", quote(&w.place()));
            let expertise = distinct(w.rng.range(2, 4), || w.tag());
            let _ = writeln!(fm, "expertise: {}", flow_list(&expertise));
            let languages = distinct(w.rng.range(1, 3), || w.rng.pick(LANGUAGES).to_string());
            let _ = writeln!(fm, "languages: {}", flow_list(&languages));
            let _ = writeln!(
                fm,
                "links:\n  - title: Forum profile\n    url: https://forum.example.org/u/{}",
                page.slug
            );
        }
        Kind::Story | Kind::Article | Kind::Page => {}
    }
    fm.push_str("---\n\n");
    let body = body(page, plan, targets, w);
    stats.words += body.split_whitespace().count();
    fm.push_str(&body);
    fm
}

/// A link to another planned page, sometimes to one of its headings.
fn link(from: &Planned, plan: &[Planned], targets: &[usize], w: &mut Writer<'_>) -> String {
    let target = &plan[*w.rng.pick(targets)];
    let mut url = relative(&from.dir(), &target.rel());
    if target.bundle && w.rng.chance(0.5) {
        // The bundle's folder works as well as its index.md.
        url = relative(&from.dir(), &format!("{}/", target.dir()));
    }
    if !target.headings.is_empty() && w.rng.chance(0.35) {
        let (_, text, id) = w.rng.pick(&target.headings);
        return format!(
            "[{} in “{}”]({url}#{id})",
            text.to_lowercase(),
            target.title
        );
    }
    format!("[{}]({url})", target.title)
}

fn linked_sentence(
    from: &Planned,
    plan: &[Planned],
    targets: &[usize],
    w: &mut Writer<'_>,
) -> String {
    let l = link(from, plan, targets, w);
    match w.rng.below(4) {
        0 => format!("See also {l}."),
        1 => {
            let s = w.sentence();
            format!("{}, as described in {l}.", s.trim_end_matches(['.', '?']))
        }
        2 => format!("{l} {} the same {}.", w.verb().s.clone(), w.count_noun()),
        _ => format!("For the {} side, read {l}.", w.adjective()),
    }
}

fn body(page: &Planned, plan: &[Planned], targets: &[usize], w: &mut Writer<'_>) -> String {
    let target_words = match page.kind {
        Kind::Member => w.rng.range(120, 280),
        _ => w.rng.range(300, 820),
    };
    let mut out = String::with_capacity(target_words * 8);
    let mut footnotes: Vec<String> = Vec::new();
    let words = |s: &str| s.split_whitespace().count();
    let mut written = 0usize;
    let can_link = !targets.is_empty();

    // Intro.
    let n = w.rng.range(3, 5);
    let mut intro = w.paragraph(n);
    if can_link && w.rng.chance(0.5) {
        intro.push(' ');
        intro.push_str(&linked_sentence(page, plan, targets, w));
    }
    written += words(&intro);
    out.push_str(&intro);
    out.push_str("\n\n");
    if page.bundle {
        let _ = writeln!(
            out,
            "You can [download the full report]({}.pdf) with the district tables and the survey instrument.\n",
            page.slug
        );
        let _ = writeln!(
            out,
            "![Bar chart of {} by {}, {} and {}](chart.svg)\n",
            w.nouns(),
            w.count_noun(),
            2020 + w.rng.below(3),
            2023 + w.rng.below(3)
        );
    }

    let sections = page.headings.len().max(1);
    for (h, (level, text, _)) in page.headings.iter().enumerate() {
        let _ = writeln!(out, "{} {text}\n", "#".repeat(usize::from(*level)));
        // Spread the remaining words over the remaining headings.
        let left = target_words.saturating_sub(written);
        let share = left / (sections - h).max(1);
        let mut here = 0;
        let mut blocks = 0;
        if left == 0 {
            // Over budget: one short paragraph so the heading is not empty.
            let n = w.rng.range(1, 2);
            let p = w.paragraph(n);
            here += words(&p);
            out.push_str(&p);
            out.push_str("\n\n");
            blocks = 8;
        }
        while (blocks == 0 || here < share) && blocks < 8 {
            blocks += 1;
            let block = match w.rng.below(14) {
                0 | 1 => bullet_list(w),
                2 => numbered_list(w),
                3 => table(w),
                4 => blockquote(w),
                5 if page.kind == Kind::Guide => task_list(w),
                6 if w.rng.chance(0.04) => raw_html(w),
                _ => {
                    let n = w.rng.range(2, 6);
                    let mut p = w.paragraph(n);
                    if can_link && w.rng.chance(0.3) {
                        p.push(' ');
                        p.push_str(&linked_sentence(page, plan, targets, w));
                    }
                    if w.rng.chance(0.15) && footnotes.len() < 4 {
                        footnotes.push(footnote(w));
                        let _ = write!(p, "[^{}]", footnotes.len());
                    }
                    p
                }
            };
            here += words(&block);
            out.push_str(&block);
            out.push_str("\n\n");
        }
        written += here;
    }
    if !footnotes.is_empty() {
        for (i, note) in footnotes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {note}", i + 1);
        }
    }
    out
}

fn bullet_list(w: &mut Writer<'_>) -> String {
    let mut out = String::new();
    for _ in 0..w.rng.range(3, 6) {
        let item = if w.rng.chance(0.4) {
            format!(
                "**{}.** {}",
                capitalize(&w.phrase()).replace('*', ""),
                w.sentence()
            )
        } else if w.rng.chance(0.5) {
            capitalize(&w.phrase())
        } else {
            w.sentence()
        };
        let _ = writeln!(out, "- {item}");
    }
    out.trim_end().to_string()
}

fn numbered_list(w: &mut Writer<'_>) -> String {
    let mut out = String::new();
    for i in 0..w.rng.range(3, 6) {
        let step = w.fill("{v} the {n} with the {c} and {v} {det} {c}.");
        let _ = writeln!(out, "{}. {}", i + 1, step);
    }
    out.trim_end().to_string()
}

fn task_list(w: &mut Writer<'_>) -> String {
    let mut out = String::new();
    for _ in 0..w.rng.range(3, 5) {
        let done = if w.rng.chance(0.5) { "x" } else { " " };
        let _ = writeln!(out, "- [{done}] {}", w.fill("{v} the {a} {c}"));
    }
    out.trim_end().to_string()
}

fn table(w: &mut Writer<'_>) -> String {
    let first = capitalize(&w.count_noun());
    let columns = w.rng.range(2, 4);
    let mut header = vec![first];
    // Each column is a share (%), a count or an amount, and its header says which.
    let mut kinds = Vec::with_capacity(columns);
    for _ in 0..columns {
        let kind = w.rng.below(4);
        kinds.push(kind);
        header.push(match kind {
            0 => format!("{} (%)", capitalize(&w.nouns())),
            1 => capitalize(&w.nouns()),
            2 => format!("Cost (USD per {})", w.count_noun()),
            _ => format!("{} {}", capitalize(&w.nouns()), w.rng.range(2015, 2026)),
        });
    }
    let mut out = format!("| {} |\n|---|", header.join(" | "));
    out.push_str(&"---:|".repeat(columns));
    out.push('\n');
    let rows = w.rng.range(3, 7);
    for _ in 0..rows {
        let mut row = vec![w.place()];
        for &kind in &kinds {
            row.push(match kind {
                0 => format!("{}%", w.rng.range(5, 98)),
                2 => format!("{:.2}", w.rng.range(10, 9900) as f64 / 100.0),
                _ => format!("{}", w.rng.range(3, 2400)),
            });
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    if w.rng.chance(0.3) {
        let mut total = vec!["**All**".to_string()];
        for &kind in &kinds {
            total.push(match kind {
                0 => format!("**{}%**", w.rng.range(20, 80)),
                2 => format!("**{:.2}**", w.rng.range(100, 9000) as f64 / 100.0),
                _ => format!("**{}**", w.rng.range(2400, 9000)),
            });
        }
        let _ = writeln!(out, "| {} |", total.join(" | "));
    }
    out.trim_end().to_string()
}

fn blockquote(w: &mut Writer<'_>) -> String {
    let n = w.rng.range(1, 3);
    let text = w.paragraph(n);
    let who = w.person();
    let role = w.rng.pick(ROLES).to_lowercase();
    format!("> {text}\n>\n> --- {who}, {role}")
}

fn raw_html(w: &mut Writer<'_>) -> String {
    let summary = capitalize(&w.phrase());
    let text = w.paragraph(2);
    format!("<details>\n<summary>{summary}</summary>\n\n{text}\n\n</details>")
}

fn footnote(w: &mut Writer<'_>) -> String {
    let who = w.person();
    let year = w.rng.range(2005, 2026);
    let title = capitalize(&w.phrase());
    let org = w.org();
    format!("{who} ({year}). *{title}*. {org}.")
}

/// A small, valid one-page PDF.
fn pdf(title: &str) -> Vec<u8> {
    let text: String = title
        .chars()
        .filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\'))
        .collect();
    let stream = format!("BT /F1 14 Tf 56 780 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{object}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

/// A small bar chart.
fn svg(w: &mut Writer<'_>) -> String {
    let mut bars = String::new();
    for i in 0..5 {
        let h = w.rng.range(20, 180);
        let _ = write!(
            bars,
            "<rect x=\"{}\" y=\"{}\" width=\"40\" height=\"{h}\" fill=\"#2b6cb0\"/>",
            20 + i * 60,
            200 - h
        );
    }
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 210\" role=\"img\">{bars}</svg>\n")
}
