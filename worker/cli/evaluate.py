"""`newsflow eval`: measure the worker's own components on standard evaluation files."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("eval")
def eval_group() -> None:
    """Measure the worker on standard evaluation data (each command takes the data path as an argument)."""


@eval_group.command("ner")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the input lines with a predicted IOB tag column appended (conlleval's input).")
def ner(file: Path, out: Path | None) -> None:
    """Entity recognition on a CoNLL-2003 file, through the worker's own NER, knowledge base and merge rules.

    Prints entity-level precision, recall and F1 per type and overall, as conlleval counts them (exact
    span and type). Newsflow types map to CoNLL's: person PER, organisation ORG, place LOC, and event,
    group and other MISC. Gold tags may be IOB1 or IOB2; predictions are written in the file's scheme.

    \b
    Examples:
      newsflow eval ner ../shared/eval/conll2003/eng.testa --out testa.pred
    """
    from worker.evaluation.ner import report, run
    from worker.pipeline import Pipeline
    from worker.settings import get_settings

    pipeline = Pipeline(get_settings())
    result = run(file, out, pipeline.nlp, pipeline.kb)
    click.echo(report(result))
    if out is not None:
        click.echo(f"predictions: {out}", err=True)


@eval_group.command("extract")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help='Write {"<id>": {"articleBody": "..."}} JSON here.')
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
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="Write CSV path,top_level_code,codes here.")
def topics(directory: Path, out: Path) -> None:
    """IPTC Media Topics for DIR/<category>/*.txt (headline, blank line, body), with the worker's own tagger.

    When the folders are the BBC News categories, prints accuracy and macro-F1 of the top-level IPTC
    code against the category (business medtop:04000000, entertainment medtop:01000000, politics
    medtop:11000000, sport medtop:15000000, tech medtop:13000000).

    \b
    Examples:
      newsflow eval topics ../shared/eval/bbc --out bbc-topics.csv
    """
    from worker.evaluation.topics import run

    result = run(directory, out)
    click.echo(f"predictions: {out}", err=True)
    if result is not None:
        click.echo(f"articles {result.n}  accuracy {result.accuracy:.4f}  macro-F1 {result.macro_f1:.4f}")
        for code, figures in sorted(result.per_class.items()):
            click.echo(f"  {code}  " + "  ".join(
                f"{k} {int(v)}" if k == "support" else f"{k} {v:.3f}" for k, v in figures.items()
            ))


@eval_group.command("geo")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help='Write one {"id", "places": [{"start", "end", "lat", "lon", "geonames_id"}]} line per article.')
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
    click.echo(report(result))
    if out is not None:
        click.echo(f"predictions: {out}", err=True)


@eval_group.command("linking")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Only the first N articles (in path order).")
@click.option("--sample", type=int, default=0, show_default=True, help="Write N random linked entities to --out.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="JSON lines of sampled linked entities (article, name, type, wikidata_id, context).")
def linking(directory: Path, limit: int | None, sample: int, out: Path | None) -> None:
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
        click.echo(f"sample of {write_sample(result, out, sample)}: {out}", err=True)
