"""`newsflow eval`: measure the worker's own components on standard evaluation files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


_input_file = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
_input_folder = click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))


def _output(*, help: str, required: bool = False) -> Callable[[F], F]:  # noqa: A002 - click's own name
    """--out FILE: where a command writes its predictions."""
    return click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=required,
                        help=help)


def _print(figures: str, out: Path | None) -> None:
    """The figures on stdout; where the predictions went, on stderr."""
    click.echo(figures)
    if out is not None:
        click.echo(f"predictions: {out}", err=True)


@click.group("eval")
def eval_group() -> None:
    """Measure the worker on standard evaluation data (each command takes the data path as an argument)."""


@eval_group.command("ner")
@_input_file
@_output(help="Write the input lines with a predicted IOB tag column appended (conlleval's input).")
@click.option("--language", default="en", show_default=True,
              help="Whose NER model to run: en, es, fr, de, nl, pl or ru (ISO 639-1).")
@click.option("--model", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Another model folder for --language in place of the shipped one (scripts/train_ner.py --out for "
                   "English, scripts/train_ner_language.py --out for es, de, nl, pl, ru).")
def ner(file: Path, out: Path | None, language: str, model: Path | None) -> None:
    """Entity recognition on a CoNLL file, through the worker's own NER, knowledge base and merge rules.

    Reads CoNLL-2003 (word first, tag last) and the WikiNEuRal layout of CoNLL-2002/2003 and WikiANN
    (`index<TAB>word<TAB>tag`, each sentence on its own). Prints entity-level precision, recall and F1
    per type and overall, as conlleval counts them (exact span and type). Newsflow types map to CoNLL's:
    person PER, organisation ORG, place LOC, and event, group and other MISC. Gold tags may be IOB1 or
    IOB2; predictions are written in the file's scheme, after a tab in the WikiNEuRal layout.

    \b
    Examples:
      newsflow eval ner ../shared/eval/conll2003/eng.testa --out testa.pred
      newsflow eval ner ../shared/eval/conll2003/eng.testa --model /tmp/ner-check
      newsflow eval ner wikineural/data/conll/es/val.conllu --language es --out es-val.pred
      newsflow eval ner wikineural/data/wikiann/es/val.conllu --language es --model /tmp/ner-es
    """
    from worker.enrich.languages import MODEL_LANGUAGES, load_language
    from worker.enrich.nlp import load_nlp
    from worker.evaluation.ner import report, run
    from worker.pipeline import Pipeline
    from worker.settings import get_settings

    if language not in MODEL_LANGUAGES:
        raise click.BadParameter(f"no NER model for {language!r}; one of {', '.join(sorted(MODEL_LANGUAGES))}",
                                 param_hint="--language")
    if model is not None and language == "fr":
        raise click.BadParameter("French is a packaged model; --model takes a folder of a trained one",
                                 param_hint="--model")
    pipeline = Pipeline(get_settings())
    # Any shipped model, enabled in the worker or not (a model is measured before it is switched on).
    if model is not None:
        nlp = load_nlp(pipeline.kb, model)
    else:
        nlp = pipeline.nlp if language == "en" else load_language(language, pipeline.kb)
    result = run(file, out, nlp, pipeline.kb)
    _print(report(result), out)


@eval_group.command("extract")
@_input_folder
@_output(required=True, help='Write {"<id>": {"articleBody": "..."}} JSON here.')
def extract(directory: Path, out: Path) -> None:
    """Article text from HTML pages (DIR/html/<id>.html.gz), through the worker's own normaliser.

    Scores against DIR/ground-truth.json when it exists: precision, recall and F1 over 4-gram word
    shingles, per page then averaged (the article-extraction benchmark's metric).

    \b
    Examples:
      newsflow eval extract ../shared/eval/aeb --out aeb-predictions.json
    """
    from worker.evaluation.extract import run

    result = run(directory, out)
    click.echo(f"predictions: {out}", err=True)
    if result is not None:
        click.echo(f"pages {result.pages}  precision {result.precision:.4f}  recall {result.recall:.4f}  "
                   f"F1 {result.f1:.4f}")


@eval_group.command("topics")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_output(required=True, help="Write CSV path,top_level_code,codes here.")
@click.option("--category-map", "category_map", metavar="NAME|FILE",
              help="bbc, masakhanews, or a JSON file of {category: IPTC code}; default bbc for a folder, "
                   "masakhanews for a TSV file.")
@click.option("--short", is_flag=True, help="Tag only the headline and the body's first sentence (a feed item).")
@click.option("--half", type=click.Choice(["a", "b"]), help="Only one half of the items (split by a hash of the id).")
def topics(source: Path, out: Path, category_map: str | None, short: bool, half: str | None) -> None:
    """IPTC Media Topics for labelled news, with the worker's own normaliser and tagger.

    SOURCE is a folder of <category>/*.txt files (headline, blank line, body) or a MasakhaNEWS TSV file
    (columns category, headline, text). When every category is in the map, prints accuracy and macro-F1
    of the top-level IPTC code against the category. The bbc map: business medtop:04000000,
    entertainment medtop:01000000, politics medtop:11000000, sport medtop:15000000, tech
    medtop:13000000; masakhanews adds health medtop:07000000 and names sports and technology.

    \b
    Examples:
      newsflow eval topics ../shared/eval/bbc --out bbc-topics.csv --half a
      newsflow eval topics ../shared/eval/bbc --short --out bbc-short.csv
      newsflow eval topics ../shared/eval/topics-more/masakhanews-eng-dev.tsv --out masakhane.csv
    """
    from worker.evaluation.topics import read_category_map, run

    mapping = read_category_map(category_map) if category_map else None
    result = run(source, out, category_map=mapping, short=short, half="a" if half == "a" else "b" if half else None)
    click.echo(f"predictions: {out}", err=True)
    if result is not None:
        missing = sum(count for (_, predicted), count in result.confusion.items() if not predicted)
        click.echo(f"articles {result.n}  accuracy {result.accuracy:.4f}  macro-F1 {result.macro_f1:.4f}  "
                   f"no topic {missing} (rejected by the normaliser {result.rejected})")
        for code, figures in sorted(result.per_class.items()):
            click.echo(f"  {code}  " + "  ".join(
                f"{k} {int(v)}" if k == "support" else f"{k} {v:.3f}" for k, v in figures.items()
            ))


@eval_group.command("geo")
@_input_file
@_output(help='Write one {"id", "places": [{"start", "end", "lat", "lon", "geonames_id"}]} line per article.')
@click.option("--source-country", metavar="CC", help="ISO 3166-1 code of the publishers' country, when known.")
@click.option("--half", type=click.Choice(["a", "b"]), help="Only one half of the file (split by a hash of the id).")
@click.option("--end-to-end", is_flag=True, help="Also run the worker's NER and report end-to-end recall.")
def geo(file: Path, out: Path | None, source_country: str | None, half: str | None, end_to_end: bool) -> None:
    """Place resolution on a geoparsing file (one JSON article a line with gold place spans and points).

    Resolves every gold span with the worker's own resolver (so NER misses do not count) and prints
    accuracy within 161 km, mean and median error in km and the AUC of the log-error curve; a place the
    resolver declines counts as 20,039 km. --end-to-end also runs the NER and reports the share of gold
    places found as a place entity and located within 161 km.

    \b
    Examples:
      newsflow eval geo ../shared/eval/geo/lgl-dev.jsonl --out lgl.pred --end-to-end
      newsflow eval geo ../shared/eval/geo/trnews.jsonl --half a
    """
    from worker.evaluation.geo import report, run

    result = run(file, out, source_country=source_country, half="a" if half == "a" else "b" if half else None,
                 end_to_end=end_to_end)
    _print(report(result), out)


@eval_group.command("stories")
@_input_file
@_output(required=True, help='Write {"id": ..., "story_id": ...} JSON lines here.')
def stories(file: Path, out: Path) -> None:
    """Story clustering of a JSON-lines file of articles in publication order, with the worker's own code.

    Reads `id`, `title`, `body`, `published_at` and `url` of each line (nothing else) and runs normalise,
    enrich and the clustering stage, each article assigned when it arrives. When every line also has a
    gold `story`, prints B-cubed and pairwise precision, recall and F1 (README, "Stories"). Stories close
    after NEWSFLOW_STORY_QUIET_PERIOD, as in the worker.

    \b
    Examples:
      newsflow eval stories ../shared/eval/stories/gunviolence-dev.jsonl --out stories.pred.jsonl
      NEWSFLOW_STORY_QUIET_PERIOD=15552000 newsflow eval stories half-a.jsonl --out half-a.pred.jsonl
    """
    from worker.evaluation.stories import run
    from worker.pipeline import Pipeline
    from worker.settings import get_settings
    from worker.stories.params import params_from

    settings = get_settings()
    result = run(file, out, Pipeline(settings), params_from(settings))
    click.echo(f"predictions: {out}", err=True)
    if result is not None:
        click.echo(f"articles {result.n}  B-cubed P {result.bcubed_precision:.4f} R {result.bcubed_recall:.4f} "
                   f"F1 {result.bcubed_f1:.4f}  pairwise P {result.pairwise_precision:.4f} "
                   f"R {result.pairwise_recall:.4f} F1 {result.pairwise_f1:.4f}")


@eval_group.command("linking")
@_input_folder
@click.option("--limit", type=int, help="Only the first N articles (in path order).")
@click.option("--sample", type=int, default=0, show_default=True, help="Write N random linked entities to --out.")
@click.option("--seed", type=int, default=14, show_default=True, help="Random seed of the --sample draw.")
@_output(help="JSON lines of sampled linked entities (article, name, type, wikidata_id, context).")
def linking(directory: Path, limit: int | None, sample: int, seed: int, out: Path | None) -> None:
    """Linking coverage: entities by type and the share with a Wikidata id, on DIR/**/*.txt articles.

    Each file is "headline, blank line, body"; the worker's own normaliser, NER, knowledge base, merge
    rules and place resolver run on it. --sample N --out FILE writes a random sample of the linked
    entities with the sentence of their first mention, for checking the ids by hand.

    \b
    Examples:
      newsflow eval linking ../shared/eval/bbc --sample 100 --out linked-sample.jsonl
    """
    from worker.evaluation.linking import report, run, write_sample
    from worker.pipeline import Pipeline
    from worker.settings import get_settings

    if sample and out is None:
        raise click.UsageError("--sample needs --out")
    pipeline = Pipeline(get_settings())
    result = run(directory, pipeline.nlp, pipeline.kb, limit=limit)
    click.echo(report(result))
    if sample and out is not None:
        click.echo(f"sample of {write_sample(result, out, sample, seed)}: {out}", err=True)
