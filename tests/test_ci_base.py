"""Base resolution on CI, with real shallow clones (``git clone --depth 1 file://…``).

The remote has ``main`` and a pull-request branch; the workspace is the shallow checkout
GitHub's ``actions/checkout`` (or GitLab's ``GIT_DEPTH``) leaves behind. The gate must find
the true merge base from the CI's own data, fetching what it needs, or stop with exit 4
and the exact fix. It must never pass without having seen the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ci_support import clean_env, commit_all, git

from rollback_gate.errors import EXIT_ENVIRONMENT, EnvironmentProblem
from rollback_gate.repo import SHALLOW_FIX, GitRepo


def _write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_ci_git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # GitPython inherits os.environ: keep CI/GIT_* variables of the host out of the clones.
    for key, value in clean_env().items():
        monkeypatch.setenv(key, value)


class Remote:
    """A bare origin with ``main`` (fork point F, then ``ahead`` more commits) and
    ``feature`` (``pr_commits`` commits on top of F)."""

    def __init__(self, tmp: Path, *, ahead: int = 2, pr_commits: int = 1) -> None:
        seed = tmp / "seed"
        seed.mkdir()
        git(seed, "init", "-q", "-b", "main")
        _write(seed, "app.py", "v = 1\n")
        commit_all(seed, "initial")
        for i in range(3):
            _write(seed, f"docs/old{i}.md", "old\n")
            commit_all(seed, f"old {i}")
        self.fork_point = git(seed, "rev-parse", "HEAD")
        git(seed, "checkout", "-q", "-b", "feature")
        for i in range(pr_commits):
            _write(seed, "db/migrations/0002_drop.sql", f"-- step {i}\nDROP TABLE legacy;\n")
            commit_all(seed, f"pr {i}")
        self.head = git(seed, "rev-parse", "HEAD")
        git(seed, "checkout", "-q", "main")
        for i in range(ahead):
            _write(seed, f"main{i}.txt", "main\n")
            commit_all(seed, f"main {i}")
        self.main = git(seed, "rev-parse", "HEAD")
        self.url = f"file://{tmp / 'origin.git'}"
        git(tmp, "clone", "-q", "--bare", str(seed), str(tmp / "origin.git"))
        self.tmp = tmp

    def shallow_clone(self, name: str = "ws", branch: str = "feature") -> GitRepo:
        git(self.tmp, "clone", "-q", "--depth", "1", "--branch", branch, self.url, name)
        ws = self.tmp / name
        assert git(ws, "rev-parse", "--is-shallow-repository") == "true"
        return GitRepo(ws)


def _event(tmp: Path, payload: dict[str, object]) -> dict[str, str]:
    path = tmp / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return {"GITHUB_EVENT_PATH": str(path)}


def test_pull_request_base_in_a_shallow_clone(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=2)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"number": 7, "base": {"sha": remote.main}}})
    found = repo.find_base(None, env)
    assert found == (remote.fork_point, "GitHub pull request base")
    diff = repo.diff(found[0], remote.head, found[1])
    assert diff.changed == {"db/migrations/0002_drop.sql"}  # exactly the PR, not main's work


def test_base_equal_to_fork_point(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=0)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"base": {"sha": remote.main}}})
    assert repo.find_base(None, env) == (remote.fork_point, "GitHub pull request base")


def test_long_branch_needs_more_than_one_deepening(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=1, pr_commits=60)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"base": {"sha": remote.main}}})
    assert repo.find_base(None, env) == (remote.fork_point, "GitHub pull request base")


def test_merge_group_base(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=1)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"merge_group": {"base_sha": remote.main, "head_sha": remote.head}})
    assert repo.find_base(None, env) == (remote.fork_point, "GitHub merge group base")


def test_github_base_ref_without_payload_fetches_the_branch(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=1)
    repo = remote.shallow_clone()  # single-branch: origin/main is not there
    assert repo.resolve("origin/main") is None
    assert repo.find_base(None, {"GITHUB_BASE_REF": "main"}) == (
        remote.fork_point,
        "GITHUB_BASE_REF",
    )


def test_gitlab_merge_request_diff_base(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=1)
    repo = remote.shallow_clone()
    env = {"CI_MERGE_REQUEST_DIFF_BASE_SHA": remote.fork_point}
    assert repo.find_base(None, env) == (remote.fork_point, "GitLab merge request")


def test_explicit_base_wins_over_ci_data(tmp_path: Path) -> None:
    remote = Remote(tmp_path, ahead=1)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"base": {"sha": "f" * 40}}})
    assert repo.find_base(remote.fork_point, env) == (remote.fork_point, "--base")


def test_base_missing_everywhere_exits_4_with_the_fix(tmp_path: Path) -> None:
    remote = Remote(tmp_path)
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"base": {"sha": "0123456789" * 4}}})
    with pytest.raises(EnvironmentProblem) as exc:
        repo.find_base(None, env)
    assert exc.value.exit_code == EXIT_ENVIRONMENT
    assert "fetch-depth: 0" in str(exc.value) and SHALLOW_FIX in str(exc.value)


def test_shallow_clone_without_remote_exits_4_instead_of_passing(tmp_path: Path) -> None:
    remote = Remote(tmp_path)
    repo = remote.shallow_clone()
    git(repo.root, "remote", "remove", "origin")
    env = _event(tmp_path, {"pull_request": {"base": {"sha": remote.main}}})
    with pytest.raises(EnvironmentProblem, match="fetch-depth: 0"):
        repo.find_base(None, env)


def test_unrelated_history_is_an_error_not_a_pass(tmp_path: Path) -> None:
    remote = Remote(tmp_path)
    seed = tmp_path / "seed"
    git(seed, "checkout", "-q", "--orphan", "other")
    _write(seed, "other.txt", "x\n")
    orphan = commit_all(seed, "orphan")
    git(seed, "push", "-q", remote.url, "other")
    repo = remote.shallow_clone()
    env = _event(tmp_path, {"pull_request": {"base": {"sha": orphan}}})
    with pytest.raises(EnvironmentProblem, match="no common history"):
        repo.find_base(None, env)


def test_github_merge_ref_checkout(tmp_path: Path) -> None:
    """actions/checkout on pull_request checks out refs/pull/N/merge at depth 1."""
    remote = Remote(tmp_path, ahead=2)
    seed = tmp_path / "seed"
    git(seed, "checkout", "-q", "-b", "pull-7-merge", remote.main)
    git(seed, "merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
    git(seed, "push", "-q", remote.url, "pull-7-merge")
    repo = remote.shallow_clone(branch="pull-7-merge")
    env = _event(tmp_path, {"pull_request": {"base": {"sha": remote.main}}})
    found = repo.find_base(None, env)
    assert found == (remote.main, "GitHub pull request base")
    head = repo.head()
    assert head is not None
    assert repo.diff(found[0], head, found[1]).changed == {"db/migrations/0002_drop.sql"}


def test_a_default_branch_of_unrelated_history_is_skipped_not_fatal(tmp_path: Path) -> None:
    """hedgedoc (round AR): the 1.x ``master`` branch checked out, ``origin/develop`` (the
    default branch) a history of its own: git chose that base, nobody asked for it, so the
    last tag serves (or no base at all), not exit 4."""

    root = tmp_path / "repo"
    git(root.parent, "init", "-q", "-b", "master", str(root))
    _write(root, "a.txt", "1\n")
    commit_all(root, "one")
    git(root, "tag", "1.0.0")
    _write(root, "a.txt", "2\n")
    commit_all(root, "two")
    git(root, "checkout", "-q", "--orphan", "develop")
    _write(root, "b.txt", "x\n")
    rewrite = commit_all(root, "rewrite")
    git(root, "update-ref", "refs/remotes/origin/develop", rewrite)
    git(root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop")
    git(root, "checkout", "-q", "master")
    repo = GitRepo(root)
    base = repo.find_base(None, {})
    assert base is not None and base[1] == "last tag 1.0.0"
    git(root, "tag", "-d", "1.0.0")
    assert GitRepo(root).find_base(None, {}) is None
    with pytest.raises(EnvironmentProblem, match="no common history"):
        GitRepo(root).find_base("origin/develop", {})  # asked for: still an error


def test_head_comes_with_the_top_level_in_one_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each git process costs a run start-up time (issue 13): the top level, whether the
    clone is shallow and HEAD are one ``rev-parse``. A repository without commits fails
    that one and is asked again without HEAD: still a repository, with no HEAD."""
    import rollback_gate.repo as repo_module

    calls: list[tuple[str, ...]] = []
    real = repo_module.git

    def counting(cwd: Path, *args: str, **kw: object) -> object:
        calls.append(args)
        return real(cwd, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(repo_module, "git", counting)
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    empty = GitRepo(root)
    assert empty.head() is None and not empty.is_shallow()
    with pytest.raises(EnvironmentProblem, match="no commits yet"):
        empty.find_base(None, {})
    _write(root, "a.txt", "1\n")
    sha = commit_all(root, "one")
    calls.clear()
    repo = GitRepo(root)
    assert repo.head() == sha and repo.toplevel == root.resolve()
    assert len(calls) == 1
