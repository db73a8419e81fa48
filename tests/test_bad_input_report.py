"""Bad input to the report runner: parameters, output folders, interruptions.

Parameters are checked against the notebooks' parameters cells before any kernel starts; the runner
writes only into the folders given by --figures and --reports and deletes nothing it did not publish
there; an interrupted run (SIGINT, SIGTERM) removes its staging folders and stops its kernels.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import config, report
from helpers.errors import ParameterError
from helpers.report import parameters
from helpers.report.publish import MANIFEST, publish

NOTEBOOKS = report.notebooks()


def _cli(tmp_path, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "helpers.report", "--figures", str(tmp_path / "figures"),
                           "--reports", str(tmp_path / "reports"), *args],
                          capture_output=True, text=True, cwd=config.ROOT, timeout=timeout)


# --- parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ("abc", "top_n='abc' must be a whole number (the default in 00_corpus_overview.ipynb is 30)"),
    ("-5", "top_n=-5 must be at least 1"),
    ("0", "top_n=0 must be at least 1"),
    ("2.5", "top_n=2.5 must be a whole number"),
])
def test_bad_top_n_is_refused_before_any_notebook_runs(tmp_path, value, message):
    result = _cli(tmp_path, "--set", f"top_n={value}")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "figures").exists() and not (tmp_path / "reports").exists()  # nothing touched


def test_unknown_parameter_lists_the_known_names_and_suggests_one(tmp_path):
    result = _cli(tmp_path, "--set", "topn=5")
    assert result.returncode == 2
    assert "unknown parameter 'topn' (did you mean 'top_n'?); the notebooks run take " in result.stderr
    assert "n_topics" in result.stderr and "random_state" in result.stderr


def test_known_names_are_those_of_the_notebooks_run():
    with pytest.raises(ParameterError, match=r"unknown parameter 'n_topics'.*take random_state, stream, top_n"):
        parameters.check({"n_topics": 3}, NOTEBOOKS[:1])
    assert parameters.check({"n_topics": 3}, NOTEBOOKS) == {"n_topics": 3}


@pytest.mark.parametrize("name, text, expected", [
    ("top_n", "50", 50),
    ("stream", "True", True),
    ("stream", "None", None),
    ("measure", "chi2", "chi2"),
    ("concordance_term", "2024", "2024"),
    ("stopword_lists", "general", ("general",)),
    ("key_terms", "科技,创新", ["科技", "创新"]),
    ("key_terms", "['科技', '创新']", ["科技", "创新"]),
    ("target_doc", "None", None),
    ("reference_docs", "a,b", ["a", "b"]),
    ("topic_ks", "5,10", (5, 10)),
    ("topic_ks", "8", (8,)),
    ("dictionary_file", "None", None),
])
def test_values_take_the_type_of_the_parameter(name, text, expected):
    kind = next(p.kind for path in NOTEBOOKS for n, p in parameters.declared(path).items() if n == name)
    assert parameters.check({name: parameters.parse(text, kind)}, NOTEBOOKS) == {name: expected}


@pytest.mark.parametrize("name, value, message", [
    ("measure", "g3", "unknown measure 'g3'"),
    ("stopword_lists", ("general", "extra"), "unknown stopword_lists 'extra'"),
    ("random_state", -1, "random_state=-1 must be at least 0"),
    ("key_terms", 5, "key_terms=5 must be a list of strings"),
    ("concordance_term", " ", "must not be empty"),
    ("topic_ks", ("a", "b"), "topic_ks=.* must be a list of whole numbers"),
    ("k_topics", 0, "k_topics=0 must be at least 1"),
    ("dictionary_file", "/no/such/dictionary.yml", "no such file"),
    ("dictionary_file", __file__, "a dictionary is a .yml/.yaml, .dic or .csv file"),
])
def test_ranges_and_choices(name, value, message):
    with pytest.raises(ParameterError, match=message):
        parameters.check({name: value}, NOTEBOOKS)


def test_every_parameter_has_a_type():
    for path in NOTEBOOKS:
        for parameter in parameters.declared(path).values():
            assert parameter.kind in {"int", "float", "bool", "str", "list", "path"}, parameter


def test_a_users_notebook_parameters_of_unknown_type_take_any_literal(tmp_path):
    """A notebook a user adds may default a parameter to None or to an expression: --set still works for it,
    and the workspace's notebooks keep their documented types (test above)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from pathlib import Path\nlimit = None\nfolder = Path('texts')\nn = 3",
                                          metadata={"tags": ["parameters"]})]
    path = tmp_path / "mine.ipynb"
    nbformat.write(nb, path)
    found = parameters.declared(path)
    assert {name: p.kind for name, p in found.items()} == {"limit": "any", "folder": "any", "n": "int"}
    assert found["folder"].default == "Path('texts')"
    assert parameters.check({"limit": parameters.parse("[1, 2]", "any"), "folder": "其他"}, [path]) == \
        {"limit": [1, 2], "folder": "其他"}
    with pytest.raises(ParameterError, match=r"n='3' must be a whole number"):
        parameters.check({"n": "3"}, [path])
    with pytest.raises(ParameterError, match=r"unknown parameter 'limt' \(did you mean 'limit'\?\)"):
        parameters.check({"limt": 1}, [path])


# --- output folders --------------------------------------------------------------------------------


def test_set_figures_dir_is_refused_and_deletes_nothing(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    for k in range(52):
        (figures / f"figure-{k}.png").write_bytes(b"previous")
    (figures / MANIFEST).write_text("".join(f"figure-{k}.png\n" for k in range(52)), encoding="utf-8")
    result = _cli(tmp_path, "--set", f"figures_dir='{tmp_path / 'elsewhere'}'")
    assert result.returncode == 2
    assert "figures_dir cannot be set with --set: the runner sets it; use --figures PATH" in result.stderr
    assert len(list(figures.glob("*.png"))) == 52
    assert not (tmp_path / "elsewhere").exists()


def test_set_corpus_dir_is_refused(tmp_path):
    result = _cli(tmp_path, "--set", "corpus_dir=/tmp")
    assert result.returncode == 2 and "use --corpus PATH" in result.stderr


def test_a_scheduler_that_cannot_be_reached_stops_the_run_before_any_kernel(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    result = _cli(tmp_path, "--only", "00", "--scheduler", address)
    assert result.returncode == 2 and f"scheduler {address}: cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "figures").exists()
    result = _cli(tmp_path, "--only", "00", "--scheduler", "my-laptop")
    assert result.returncode == 2 and "'my-laptop' is not a Dask scheduler address" in result.stderr


def test_the_kernels_are_told_the_scheduler(tmp_path, monkeypatch):
    from helpers.report import runner

    seen = {}

    def fake(paths, corpus_dir, figures_dir, reports_dir, stage_figures, stage_reports, *rest):
        seen["scheduler"] = rest[-1]
        return []

    monkeypatch.setattr(runner, "_run_staged", fake)
    monkeypatch.setenv(config.SCHEDULER_ENV, "tcp://10.0.0.5:8786")
    monkeypatch.setattr(runner.parallel, "check_scheduler", lambda address: None)  # no cluster here
    report.run(NOTEBOOKS[:1], figures_dir=tmp_path / "f", reports_dir=tmp_path / "r", log=lambda *_: None)
    assert seen["scheduler"] == "tcp://10.0.0.5:8786"  # from the environment
    report.run(NOTEBOOKS[:1], figures_dir=tmp_path / "f", reports_dir=tmp_path / "r", log=lambda *_: None,
               scheduler="local")
    assert seen["scheduler"] == "local"  # the argument wins


def test_a_run_that_made_nothing_never_empties_the_folder(tmp_path):
    stage, target = tmp_path / "stage", tmp_path / "target"
    stage.mkdir()
    target.mkdir()
    (target / "old.png").write_bytes(b"old")
    (target / MANIFEST).write_text("old.png\n", encoding="utf-8")
    publish(stage, target, prune=True)
    assert (target / "old.png").read_bytes() == b"old"


def test_pruning_removes_only_what_the_runner_published(tmp_path):
    stage, target = tmp_path / "stage", tmp_path / "target"
    stage.mkdir()
    target.mkdir()
    (target / "mine.csv").write_text("a user's own table\n", encoding="utf-8")
    (target / "stale.png").write_bytes(b"from the last run")
    (target / MANIFEST).write_text("stale.png\nnew.png\n", encoding="utf-8")
    (stage / "new.png").write_bytes(b"new")
    publish(stage, target, prune=True)
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "mine.csv", "new.png"]
    assert (target / MANIFEST).read_text(encoding="utf-8") == "new.png\n"


def test_a_staged_subfolder_is_published_into_the_same_subfolder(tmp_path):
    stage, target = tmp_path / "stage", tmp_path / "target"
    (stage / "fonts").mkdir(parents=True)
    (target / "fonts").mkdir(parents=True)
    (target / "fonts" / "mine.txt").write_text("a user's own file\n", encoding="utf-8")
    (stage / "fonts" / "cjk-00.woff2").write_bytes(b"font")
    (stage / "page.html").write_text("<html></html>", encoding="utf-8")
    publish(stage, target, prune=False)
    assert (target / "fonts" / "cjk-00.woff2").read_bytes() == b"font"
    assert (target / "fonts" / "mine.txt").is_file() and (target / "page.html").is_file()
    assert (target / MANIFEST).read_text(encoding="utf-8") == "fonts/cjk-00.woff2\npage.html\n"


def test_a_subfolder_that_is_a_link_elsewhere_is_refused_before_anything_moves(tmp_path):
    stage, target, elsewhere = tmp_path / "stage", tmp_path / "target", tmp_path / "elsewhere"
    (stage / "fonts").mkdir(parents=True)
    target.mkdir()
    elsewhere.mkdir()
    (target / "fonts").symlink_to(elsewhere)  # publishing through it would write outside the output folder
    (stage / "fonts" / "cjk-00.woff2").write_bytes(b"font")
    (stage / "page.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"fonts.*link"):
        publish(stage, target, prune=False)
    assert list(elsewhere.iterdir()) == [] and not (target / "page.html").exists()


def test_pruning_never_follows_a_manifest_out_of_the_folder(tmp_path):
    stage, target = tmp_path / "stage", tmp_path / "target"
    stage.mkdir()
    target.mkdir()
    (tmp_path / "outside.png").write_bytes(b"not the runner's")
    (target / "fonts").mkdir()
    (target / "fonts" / "old.png").write_bytes(b"published before")
    (target / MANIFEST).write_text("../outside.png\nfonts/../../outside.png\nfonts/old.png\n", encoding="utf-8")
    (stage / "new.png").write_bytes(b"new")
    publish(stage, target, prune=True)
    assert (tmp_path / "outside.png").read_bytes() == b"not the runner's"
    assert not (target / "fonts" / "old.png").exists()  # inside the folder, published by the runner: pruned


def test_staging_folders_are_inside_the_output_folders(tmp_path, monkeypatch):
    from helpers.report import runner

    seen = []

    def fake(paths, corpus_dir, figures_dir, reports_dir, stage_figures, stage_reports, *rest):
        seen.extend([stage_figures.parent, stage_reports.parent])
        return []

    monkeypatch.setattr(runner, "_run_staged", fake)
    report.run(NOTEBOOKS[:1], figures_dir=tmp_path / "f", reports_dir=tmp_path / "r", log=lambda *_: None)
    assert seen == [tmp_path / "f", tmp_path / "r"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["f", "r"]  # and removed afterwards


def test_a_figures_path_that_is_a_file(tmp_path):
    (tmp_path / "figures").write_text("not a folder", encoding="utf-8")
    result = _cli(tmp_path)
    assert result.returncode == 2
    assert f"--figures {tmp_path / 'figures'} is a file, not a folder" in result.stderr
    assert (tmp_path / "figures").read_text(encoding="utf-8") == "not a folder"


def test_an_unwritable_figures_folder(tmp_path, monkeypatch):
    """chmod does not stop root (the tests may run as root): the refusal of the operating system is simulated."""
    figures = tmp_path / "figures"
    figures.mkdir()
    original = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == figures:
            raise PermissionError(13, "Permission denied", str(dir))
        return original(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ParameterError, match=rf"--figures {figures}: cannot write there \(Permission denied\)"):
        report.run(NOTEBOOKS[:1], figures_dir=figures, reports_dir=tmp_path / "reports", log=lambda *_: None)


# --- interrupted runs --------------------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, pending = set(), [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _interruptible() -> None:
    """In the child, before it starts: SIGINT as a terminal sends it (a shell's background job, as ``make test &``
    may run, inherits SIGINT ignored, and Python then never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to follow child processes")
@pytest.mark.parametrize("signum, jobs", [(signal.SIGTERM, "1"), (signal.SIGINT, "1"), (signal.SIGTERM, "2")])
def test_an_interrupted_run_removes_its_staging_folders_and_stops_its_children(tmp_path, signum, jobs):
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    figures.mkdir()
    (figures / "corpus-paragraph-lengths.png").write_bytes(b"previous figure")
    run = subprocess.Popen([sys.executable, "-m", "helpers.report", "--only", "00", "01", "--jobs", jobs,
                            "--figures", str(figures), "--reports", str(reports)],
                           cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=_interruptible)
    deadline = time.time() + 180
    while time.time() < deadline and not list(figures.glob(".staging-figures-*/*.png")):
        time.sleep(0.2)  # a kernel is running and has written a figure to the staging folder
    assert list(figures.glob(".staging-figures-*/*.png")), "the run never got as far as a figure"
    children = _descendants(run.pid)
    assert children, "no kernel or worker below the runner"
    os.kill(run.pid, signum)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "INTERRUPTED" in err
    time.sleep(1)
    assert not [pid for pid in children if _alive(pid)], "child processes left running"
    assert not list(tmp_path.rglob(".staging-*"))
    assert (figures / "corpus-paragraph-lengths.png").read_bytes() == b"previous figure"
    assert not reports.exists() or [p.name for p in reports.iterdir()] == []


# --- queries -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["科技[", "(创新", "*强"])
def test_a_bad_regex_kwic_query(seed, query):
    from helpers import textstat

    with pytest.raises(ParameterError, match=r"query=.* is not a valid regular expression \(.* at position \d+\); "
                                             "escape special characters"):
        textstat.kwic(seed.paragraphs, query, regex=True)
    assert len(textstat.kwic(seed.paragraphs, query.strip("[(*"), regex=True)) > 0


def test_every_notebook_parameter_has_a_type():
    """A notebook whose parameters cell has a parameter of unknown type would make every run fail at the check."""
    from helpers import report
    from helpers.report import parameters

    for path in report.notebooks():
        assert parameters.declared(path), path.name
