"""The command line: ``python -m aecore train | evaluate | import | datasets | download``.

A thin consumer of aecore, like the app: arguments become a ``FitSpec``, ``Fit`` runs it
with a progress bar on stderr, the run store writes the run, and the metrics go to
stdout as JSON. Exit codes: 0 done, 1 an I/O failure, 2 bad arguments or data (one
``error:`` line on stderr), 3 training diverged (the run is saved anyway), 130 stopped
with Ctrl-C (the weights trained so far are saved).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from pathlib import Path

from aecore.data.registry import DataConfig, data_dirs, dataset_info, dataset_names
from aecore.measure.metrics import evaluate_model
from aecore.models.base import INITS
from aecore.models.registry import VARIANTS, variant
from aecore.store.runs import load_run, load_run_data, save_run, to_jsonable
from aecore.store.zips import MAX_IMPORT_BYTES, import_zip
from aecore.training.fit import Fit, FitSpec
from aecore.training.trainer import EpochEvent, StepEvent, TrainConfig

EXIT_FAILED, EXIT_USAGE, EXIT_DIVERGED, EXIT_INTERRUPTED = 1, 2, 3, 130
_ALL = None
# argparse dest → (config field, variants that have it; None = all). The CLI names follow the
# literature (--sparsity-weight, --contractive-weight); the fields follow each config class.
MODEL_OPTIONS = {
    "latent": ("latent", _ALL), "hidden": ("hidden", _ALL), "activation": ("activation", _ALL), "init": ("init", _ALL),
    "loss": ("loss", ("ae", "sparse", "denoising", "contractive", "stacked")),
    "rho": ("rho", ("sparse", "stacked")), "sparsity_weight": ("beta", ("sparse", "stacked")),
    "penalty": ("penalty", ("sparse",)),
    "noise": ("noise", ("denoising", "stacked")), "noise_level": ("noise_level", ("denoising", "stacked")),
    "contractive_weight": ("lam", ("contractive",)),
    "beta": ("beta", ("vae",)), "decoder": ("decoder", ("vae",)), "warmup_epochs": ("warmup_epochs", ("vae",)),
    "pretrain": ("pretrain", ("stacked",)), "finetune_epochs": ("finetune_epochs", ("stacked",)),
}
TRAIN_OPTIONS = ("epochs", "batch_size", "lr", "weight_decay", "seed", "device", "val_fraction", "patience",
                 "optimizer", "schedule")


class UsageError(Exception):
    """Bad command-line arguments (reported as one ``error:`` line, exit code 2)."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        # argparse prints the whole usage and exits; one line that points to --help reads better.
        raise UsageError(f"{message} (see {self.prog} --help)")


def _widths(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    try:
        return tuple(int(t) for t in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated layer widths such as 256,64, or 'none'; got {text!r}") from None


def _names(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(","))


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="python -m aecore", description="Train and inspect Diabolo autoencoders.")
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train a model and save the run", description=(
        "Train one autoencoder and save it as a run folder. Options left out keep the variant's defaults."))
    t.add_argument("--variant", required=True, choices=list(VARIANTS))
    t.add_argument("--dataset", required=True, help=f"one of {', '.join(dataset_names())} or file:PATH")
    t.add_argument("--out", required=True, help="the run folder to create (must not exist or be empty)")
    t.add_argument("--latent", type=int)
    t.add_argument("--hidden", type=_widths, help="encoder widths, e.g. 256,64; 'none' for no hidden layer")
    t.add_argument("--activation", choices=["relu", "sigmoid", "tanh", "linear"],
                   help="'linear' makes the whole network linear (the PCA case)")
    t.add_argument("--loss", choices=["mse", "bce"])
    t.add_argument("--init", choices=list(INITS),
                   help="weights: glorot (Glorot/He, zero biases; default) or pytorch (nn.Linear's default)")
    for flag, kind in (("--epochs", int), ("--batch-size", int), ("--seed", int),
                       ("--weight-decay", float), ("--val-fraction", float), ("--patience", int)):
        t.add_argument(flag, type=kind)
    own = "; ".join(f"{v.name}: {v.train_defaults['lr']:g}" for v in VARIANTS.values() if "lr" in v.train_defaults)
    t.add_argument("--lr", type=float, help=f"learning rate (default {TrainConfig.lr:g}{'; ' + own if own else ''})")
    t.add_argument("--optimizer", choices=["adam", "lbfgs"],
                   help="adam (minibatches) or lbfgs (full batch, 20 iterations per epoch)")
    t.add_argument("--schedule", choices=["constant", "cosine"], help="learning-rate schedule")
    t.add_argument("--rho", type=float, help="sparse: target mean activation")
    t.add_argument("--sparsity-weight", type=float, help="sparse, stacked: weight of the sparsity penalty")
    t.add_argument("--penalty", choices=["kl", "l1"], help="sparse: KL(rho||rho_hat) or activity L1")
    t.add_argument("--noise", choices=["gaussian", "masking", "salt-pepper"])
    t.add_argument("--noise-level", type=float)
    t.add_argument("--contractive-weight", type=float, help="contractive: lambda")
    t.add_argument("--beta", type=float, help="vae: weight of the KL term")
    t.add_argument("--decoder", choices=["bernoulli", "gaussian"], help="vae: likelihood p(x|z)")
    t.add_argument("--warmup-epochs", type=float, help="vae: epochs of KL warm-up")
    t.add_argument("--iw-samples", type=int, help="vae: importance samples for the IWAE log-likelihood")
    t.add_argument("--pretrain", type=_names, help="stacked: layer kinds, e.g. sparse,denoising,ae")
    t.add_argument("--finetune-epochs", type=int, help="stacked: supervised epochs")
    t.add_argument("--data-dir", help="folder searched first for mnist, fashion-mnist, frey, ...")
    t.add_argument("--limit", type=int, help="use at most N training rows")
    t.add_argument("--device", choices=["auto", "cpu", "cuda"])
    t.add_argument("--quiet", action="store_true", help="no progress output")
    t.set_defaults(func=train)
    e = sub.add_parser("evaluate", help="recompute a saved run's metrics (JSON on stdout)")
    e.add_argument("run", help="a run folder")
    e.set_defaults(func=evaluate)
    i = sub.add_parser("import", help="add a run zip to the run store, after checking all of it")
    i.add_argument("zip", help="a run zip (as the app's Runs page downloads it)")
    i.add_argument("--name", help="name of the new run (default: the zip's folder, or variant-data-time)")
    i.add_argument("--runs-dir", help="the run store (default: $DIABOLO_RUNS_DIR or ~/.local/share/diabolo/runs)")
    i.set_defaults(func=import_run)
    d = sub.add_parser("datasets", help="list the data sets and whether they are available offline")
    d.set_defaults(func=datasets)
    g = sub.add_parser("download", help="fetch mnist, fashion-mnist or frey into the cache, verified")
    g.add_argument("name")
    g.add_argument("--dest", help="target folder (default: the user cache, which is searched automatically)")
    g.add_argument("--quiet", action="store_true")
    g.set_defaults(func=download)
    return parser


def model_config(name: str, options: dict):
    """The variant's config built from only the options that were given; others keep their defaults."""
    given = {}
    for dest, value in options.items():
        if value is None:
            continue
        config_field, owners = MODEL_OPTIONS[dest]
        if owners is not _ALL and name not in owners:
            raise ValueError(f"--{dest.replace('_', '-')} does not apply to variant {name!r}; it is used by "
                             f"{', '.join(owners)}. Leave it out or choose one of those variants.")
        given[config_field] = value
    return variant(name).config_class(**given)


class ProgressBar:
    """Training progress on a stream: one line redrawn via \\r on a terminal, a line per epoch otherwise."""

    def __init__(self, stream, totals: dict[str, int], interval: float = 0.1):
        self.stream, self.totals, self.interval = stream, totals, interval
        self.tty = stream.isatty()
        self.phase, self.t0, self.step0, self.last, self.width = None, 0.0, 0, 0.0, 0

    def _line(self, phase: str, epoch: float, step: int, loss: float, extra: str = "") -> str:
        total = self.totals.get(phase)
        elapsed = time.perf_counter() - self.t0  # since this phase's first step, so the rate is not skewed
        rate = f"  {(step - self.step0) / elapsed:.0f} it/s" if step > self.step0 and elapsed > 0 else ""
        ep = f"{epoch:.2f}" if epoch % 1 else f"{int(epoch)}"
        return f"{phase}: epoch {ep}{f'/{total}' if total else ''}  step {step}  loss {loss:.4g}{extra}{rate}"

    def _draw(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self.width))  # pad over a longer previous line
        self.width = len(text)
        self.stream.flush()

    def __call__(self, event) -> None:
        if event.phase != self.phase:  # each phase's trainer counts steps from 1
            if self.tty and self.width:
                self.stream.write("\n")
            self.phase, self.t0, self.step0, self.width = event.phase, time.perf_counter(), event.step, 0
        if isinstance(event, StepEvent):
            now = time.perf_counter()
            if self.tty and now - self.last >= self.interval:  # drawing every step would slow training
                self.last = now
                self._draw(self._line(event.phase, event.epoch, event.step, event.loss))
        elif isinstance(event, EpochEvent):
            val = "" if event.val_loss is None else f"  val {event.val_loss:.4g}"
            text = self._line(event.phase, event.epoch, event.step, event.train_loss, val)
            if self.tty:
                self._draw(text)
            else:
                self.stream.write(text + "\n")
                self.stream.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


@contextlib.contextmanager
def _stop_on_interrupt(job: Fit):
    """First Ctrl-C stops training cleanly (the run is saved); a second one aborts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        signal.signal(signal.SIGINT, previous)
        print("\nstopping after this step (Ctrl-C again aborts)", file=sys.stderr)
        job.stop()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def train(args) -> int:
    """``train``: fit, evaluate, save to --out, print the metrics."""
    cfg = model_config(args.variant, {k: getattr(args, k) for k in MODEL_OPTIONS})
    if args.iw_samples is not None and (args.variant != "vae" or not 0 <= args.iw_samples <= 10000):
        raise ValueError(f"--iw-samples applies to variant 'vae' only and must be between 0 and 10000; got "
                         f"{args.iw_samples} for {args.variant!r}.")
    given = {k: getattr(args, k) for k in TRAIN_OPTIONS if getattr(args, k) is not None}
    tcfg = TrainConfig(**{**variant(args.variant).train_defaults, **given})
    data = DataConfig(args.dataset, seed=tcfg.seed, limit=args.limit, data_dir=args.data_dir)
    out = Path(args.out).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):  # fail before training, not after
        raise ValueError(f"--out {args.out!r} already exists and is not empty; choose a new folder or delete "
                         "that one first.")
    spec = FitSpec(data, cfg, tcfg)
    ft = getattr(cfg, "finetune_epochs", 0)
    totals = {"train": tcfg.epochs, "softmax on frozen codes": ft, "finetune": ft, "from scratch": 2 * ft,
              **{f"layer {i + 1}": tcfg.epochs for i in range(len(cfg.hidden) + 1)}}
    bar = None if args.quiet else ProgressBar(sys.stderr, totals)
    job = Fit(spec, [bar] if bar else [], evaluate=False)  # evaluated below, with --iw-samples
    with _stop_on_interrupt(job):
        result = job.run()
    if bar:
        bar.close()
    status = result.train.status
    try:
        metrics = evaluate_model(result.model, result.dataset, seed=tcfg.seed, iw_samples=args.iw_samples or 0)
    except ValueError as e:  # e.g. a diverged model whose codes overflow the linear probe
        if status != "diverged":
            raise
        metrics = {"evaluation_error": str(e)}
    result.metrics = {**metrics, **result.metrics}
    path = save_run(result, path=out)
    print(json.dumps(to_jsonable(result.metrics), indent=2))
    if status == "diverged":
        print(f"{result.train.message} The run was saved to {path}.", file=sys.stderr)
        return EXIT_DIVERGED
    if status == "stopped":
        print(f"stopped: the weights trained so far were saved to {path}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not args.quiet:
        print(f"saved the run to {path}", file=sys.stderr)
    return 0


def evaluate(args) -> int:
    """``evaluate DIR``: recompute the metrics of a saved run on its data set with its seed."""
    run = load_run(args.run)
    ds = load_run_data(run)  # refuses data whose width no longer fits the model
    iw = int(run.metrics.get("iw_samples") or 0)
    fresh = evaluate_model(run.model, ds, seed=run.spec.train.seed, iw_samples=iw)
    # Fields that only training knows (epochs, train_seconds, fine-tuning accuracies) come from metrics.json.
    print(json.dumps(to_jsonable({**run.metrics, **fresh}), indent=2))
    return 0


def import_run(args) -> int:
    """``import ZIP``: validate a run zip completely, add it to the run store, print the new folder."""
    path = Path(args.zip).expanduser()
    if not path.is_file():
        raise ValueError(f"no such file: {args.zip!r}.")
    if path.stat().st_size > MAX_IMPORT_BYTES:  # before reading it
        raise ValueError(f"{path.name} is {path.stat().st_size:,} bytes; a run zip may have at most "
                         f"{MAX_IMPORT_BYTES:,}.")
    print(import_zip(path.read_bytes(), args.runs_dir, args.name, file_name=path.name))
    return 0


def datasets(args) -> int:
    """``datasets``: every data set and whether it can be loaded offline now."""
    from aecore.data.public import DOWNLOADS

    for name in dataset_names():
        info = dataset_info(name)
        if info.available:
            state = "available"
        elif name in DOWNLOADS:
            state = f"missing (python -m aecore download {name})"
        else:
            state = "missing (put its files in a data folder)"
        print(f"{name:<14} {state:<44} {info.description}")
    print(f"\ndata folders searched: {', '.join(str(d) for d in data_dirs())}")
    return 0


class DownloadBar:
    """Byte progress of a download on stderr (redrawn in place on a terminal)."""

    def __init__(self, stream):
        self.stream, self.tty, self.file, self.last = stream, stream.isatty(), None, 0.0

    def __call__(self, done: int, total: int | None, filename: str) -> None:
        now = time.perf_counter()
        if filename != self.file:
            self.close()
            self.file = filename
        if self.tty and (now - self.last >= 0.1 or done == total):
            self.last = now
            pct = f" {100 * done / total:5.1f}%" if total else ""
            self.stream.write(f"\r{filename}: {done / 1e6:7.1f} MB{pct}")
            self.stream.flush()
        self.done = done

    def close(self) -> None:
        if self.file is not None:
            self.stream.write("\n" if self.tty else f"{self.file}: {self.done / 1e6:.1f} MB\n")
            self.file = None


def download(args) -> int:
    """``download NAME``: fetch a data set into the cache and verify its checksums."""
    from aecore.data.public import DOWNLOADS
    from aecore.data.public import download as fetch

    try:
        key = DataConfig(args.name).name  # resolves aliases such as "fashion"
    except ValueError:
        key = args.name
    if key not in DOWNLOADS:
        raise ValueError(f"{args.name!r} cannot be downloaded; use one of {', '.join(DOWNLOADS)}. Other data sets "
                         "are bundled, generated, or read from files you put in a data folder.")
    bar = None if args.quiet else DownloadBar(sys.stderr)
    folder = fetch(args.name, args.dest, progress=bar)
    if bar:
        bar.close()
    print(folder)
    return 0


def _error(message: str) -> None:
    print("error: " + " ".join(str(message).split()), file=sys.stderr)  # always exactly one line


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting (tests call this)."""
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except (UsageError, ValueError) as e:  # DataUnavailableError is a ValueError
        _error(str(e))
        return EXIT_USAGE
    except OSError as e:
        _error(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
