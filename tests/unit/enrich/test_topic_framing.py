"""The primary-topic rule: the arena whose actors carry a story leads; a plain subject story keeps its field."""

from __future__ import annotations

import pytest

from worker.enrich.topics import classify as topics
from worker.enrich.topics import iptc
from worker.enrich.topics.classify import classify

ARTS = "medtop:01000000"
CRIME = "medtop:02000000"
DISASTER = "medtop:03000000"
ECONOMY = "medtop:04000000"
EDUCATION = "medtop:05000000"
ENVIRONMENT = "medtop:06000000"
HEALTH = "medtop:07000000"
LABOUR = "medtop:09000000"
POLITICS = "medtop:11000000"
SCIENCE = "medtop:13000000"
SPORT = "medtop:15000000"
CONFLICT = "medtop:16000000"
WEATHER = "medtop:17000000"

# Stories whose subject-field words (courts, storms) outnumber their arena words, but whose actors are
# politicians, a pop star, insurers or a footballer: (arena expected first, subject expected second).
FRAMED = {
    "sentencing": (
        POLITICS,
        CRIME,
        "Judges to get new sentencing powers for murder",
        "Judges will be given new powers to set minimum terms for murder under plans announced by ministers. "
        "The home secretary told MPs the bill would make sentences fairer for victims' families, but the shadow "
        "home secretary said the government was going soft on crime. Under the proposals a judge could reduce "
        "the minimum term for a killer who pleaded guilty at the first hearing, and prosecutors would be able "
        "to appeal against lenient sentences. Lawyers said courts were already stretched and that prison "
        "overcrowding would get worse. Police chiefs welcomed the plans. The bill will be debated in the "
        "Commons next month.",
    ),
    "singer in court": (
        ARTS,
        CRIME,
        "Pop singer in court over nightclub fight",
        "The pop singer appeared in court on Monday charged with assault after a fight at a nightclub. He was "
        "granted bail by magistrates and will stand trial in the spring. Police said a man had been punched and "
        "needed hospital treatment, and the prosecution told the court that two witnesses had identified the "
        "defendant. Outside court, fans waited for hours to see the star, who cancelled two concerts on his "
        "tour last week. His lawyer said he would plead not guilty, and his record label said his new album "
        "would be released as planned.",
    ),
    "insurers": (
        ECONOMY,
        DISASTER,
        "Insurers count cost of hurricane season",
        "A run of hurricanes and typhoons has left insurers facing their biggest bill for a decade. The storms "
        "flattened homes, flooded towns and killed hundreds of people, and the earthquake that followed in the "
        "Pacific added to the disaster. Rescue teams are still clearing debris. Insurance companies expect "
        "claims of more than $30bn, and one firm warned its annual profits would be lower than forecast.",
    ),
    "footballer banned": (
        SPORT,
        CRIME,
        "Striker banned after assault charge",
        "The striker has been banned for six matches and faces a police investigation after he was accused of "
        "assaulting a fan. The player was arrested after the incident and released on bail, and a disciplinary "
        "hearing found him guilty of violent conduct. His lawyer said he would contest any criminal charge in "
        "court. His club said it would appeal against the suspension, which rules the striker out of the cup "
        "final.",
    ),
}

# Subject stories that mention an arena in passing (a president at a disaster, a firm at a murder trial,
# insurers after a storm): the subject field stays primary.
UNFRAMED = {
    "earthquake": (
        DISASTER,
        "Hundreds dead as earthquake strikes coastal towns",
        "A powerful earthquake struck the coast before dawn on Tuesday, killing at least 300 people and leaving "
        "thousands homeless. Rescuers dug through the rubble of collapsed buildings as aftershocks shook the "
        "region. The president declared a state of emergency and the government sent troops to help with the "
        "rescue effort, while the prime minister visited the worst-hit town. Officials said the death toll was "
        "likely to rise. Aid agencies warned of a shortage of clean water and shelter, and the Red Cross "
        "appealed for donations. Survivors described the tremor as lasting almost a minute.",
    ),
    "offensive": (
        CONFLICT,
        "Troops push into rebel-held city",
        "Government troops backed by tanks and air strikes pushed into the rebel-held city on Sunday after a "
        "week of heavy fighting. Civilians fled as shelling destroyed homes and the main hospital. The defence "
        "ministry said dozens of insurgents had been killed, while rebel commanders claimed to have destroyed "
        "three armoured vehicles. The president vowed to crush the uprising, and the foreign minister rejected "
        "calls for a ceasefire. Soldiers at checkpoints searched cars for weapons, and the army said the "
        "offensive would continue until the city was under military control.",
    ),
    "murder trial": (
        CRIME,
        "Businessman guilty of partner's murder",
        "A businessman who stabbed his partner to death after a row over money has been found guilty of "
        "murder. The jury at the crown court heard that the 46-year-old killed the victim at the offices of the "
        "company they ran together, then tried to hide the body. Police said he had lied to detectives for "
        "weeks. The prosecution told the trial that the firm was losing money and that he feared being forced "
        "out. The judge said he would be sentenced next month and warned he faced a life sentence.",
    ),
    "flu": (
        HEALTH,
        "Flu cases double in a week",
        "The number of people in hospital with flu has doubled in a week, according to figures from health "
        "officials. Doctors said intensive care units were under pressure and urged anyone eligible to get the "
        "vaccine. The virus is hitting older patients and young children hardest, and several hospitals have "
        "cancelled routine operations. The health secretary said the NHS had planned for a difficult winter. "
        "Nurses reported long waits in accident and emergency departments, and GPs said their surgeries were "
        "seeing twice the usual number of patients with symptoms.",
    ),
    "strike": (
        LABOUR,
        "Bus drivers walk out over pay",
        "Thousands of bus drivers went on strike on Monday in a dispute over pay and working hours, leaving "
        "commuters stranded. The union said its members had rejected a 2% pay offer as the cost of living "
        "rose. The bus company said the strike was disappointing and that talks could resume. Workers on picket "
        "lines said wages had not kept up with prices for years, and the union warned of further walkouts next "
        "month if employers did not improve the offer. Staff at two depots also voted for industrial action "
        "over changes to shift patterns.",
    ),
    "storm": (
        WEATHER,
        "Storm brings gales and flooding",
        "A storm brought winds of up to 90mph and heavy rain overnight, flooding roads and bringing down trees. "
        "The Met Office issued a weather warning for the north and west, with more rain forecast for Thursday. "
        "Temperatures will fall sharply behind the storm, with snow on high ground. Insurers said it was too "
        "early to estimate the cost of the damage. Forecasters said gusts were the strongest for a decade, and "
        "ferry services were cancelled as waves battered the coast.",
    ),
    "climate report": (
        ENVIRONMENT,
        "Emissions rising faster than feared, report says",
        "Greenhouse gas emissions are rising faster than feared and the world is heading for more than two "
        "degrees of global warming, scientists warned in a report on Monday. The report said carbon dioxide "
        "levels had reached a record, and that sea levels and extreme heat would rise unless emissions fall "
        "sharply. Environmental groups called for an end to new coal and oil projects. The environment minister "
        "said the government would study the findings. Conservation charities said wildlife and forests were "
        "already suffering from the changing climate.",
    ),
    "exam results": (
        EDUCATION,
        "Record grades for school leavers",
        "More pupils than ever gained top grades in their exams this year, figures published on Thursday show. "
        "Head teachers praised students for their hard work after two years of disruption in the classroom. "
        "The number of students taking science subjects rose, while language entries fell again. Teachers' "
        "unions said schools needed more money to keep good staff. The education secretary congratulated "
        "pupils and said universities would have places for all who met their offers. Exam boards said results "
        "for boys and girls had narrowed.",
    ),
}


def _level_one(title: str, text: str) -> list[str]:
    return [t.code for t in classify(title, text) if t.level == 1]


def _unframed_totals(title: str, text: str) -> dict[str, float]:
    """Rolled-up level-1 evidence before the framing rule, to show the rule is what decides."""
    total = topics._roll_up(topics._evidence(title, text)[0])
    return {code: amount for code, amount in total.items() if iptc.get(code).level == 1}


@pytest.mark.parametrize("story", sorted(FRAMED))
def test_arena_actors_make_the_primary_topic(story: str) -> None:
    """The subject field has more cue evidence, yet the arena leads and the subject is the second topic."""
    arena, subject, title, text = FRAMED[story]
    raw = _unframed_totals(title, text)
    assert max(raw, key=lambda code: raw[code]) == subject
    assert _level_one(title, text)[:2] == [arena, subject]
    assert max(topics.top_level_scores(title, text).items(), key=lambda kv: kv[1])[0] == arena


def test_framing_credits_the_iptc_topic_for_the_subject_under_the_arena() -> None:
    """Ministers on sentencing add government policy; a footballer's ban adds disciplinary action in sport."""
    assert "medtop:20000621" in {t.code for t in classify(*FRAMED["sentencing"][2:])}
    assert "medtop:20001103" in {t.code for t in classify(*FRAMED["footballer banned"][2:])}


@pytest.mark.parametrize("story", sorted(UNFRAMED))
def test_subject_story_with_passing_arena_words_keeps_its_field(story: str) -> None:
    """A president at an earthquake or a firm at a murder trial does not turn the story into politics or business."""
    field, title, text = UNFRAMED[story]
    assert _level_one(title, text)[0] == field


def test_leading_arena_is_never_reframed() -> None:
    """When an arena already leads, a subject field with more evidence elsewhere cannot take over."""
    title = "Chancellor unveils spending plans"
    text = (
        "The chancellor set out the government's spending plans to MPs, promising more money for hospitals "
        "and schools. Opposition leaders said the budget did nothing for families, and the prime minister "
        "defended the plans in the Commons."
    )
    assert _level_one(title, text)[0] == POLITICS


def test_public_finances_count_for_the_economy_as_well_as_policy() -> None:
    """A deficit story gives evidence to both the economy and politics, not to politics alone."""
    scores = topics.top_level_scores(None, "The budget deficit and public debt grew as borrowing rose.")
    assert scores[ECONOMY] > 0 and scores[POLITICS] > 0


def test_video_games_count_as_technology_and_leisure() -> None:
    """A games review gives evidence to science and technology as well as to lifestyle and leisure."""
    scores = topics.top_level_scores(None, "The video game has better gameplay and a new multiplayer mode.")
    assert scores[SCIENCE] > 0 and scores["medtop:10000000"] > 0


def test_the_lede_counts_more_than_a_later_paragraph() -> None:
    """A cue in the first paragraph outweighs the same cue further down."""
    filler = "Nothing in this sentence names a topic at all."
    first = topics.top_level_scores(None, f"The election was close.\n\n{filler}")[POLITICS]
    later = topics.top_level_scores(None, f"{filler}\n\nThe election was close.")[POLITICS]
    assert first > later


def test_a_text_without_paragraph_breaks_is_not_all_lede() -> None:
    """Only the first words of a one-paragraph text get the lede weight."""
    filler = " ".join(["word"] * topics.LEAD_MAX_WORDS)
    one_block = topics.top_level_scores(None, f"{filler} The election was close.")[POLITICS]
    two_blocks = topics.top_level_scores(None, f"{filler}.\n\nThe election was close.")[POLITICS]
    assert one_block == pytest.approx(two_blocks)
