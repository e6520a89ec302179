"""An unattended crawl opens none of Scrapy's consoles: no telnet port, no code-running HTTP
server announced in a job file."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list

import crawlers.settings
from bench.bench_crawl import write_source
from pipeline.demo.run import replay_server
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import get_source

CONSOLES = ("scrapy.extensions.telnet.TelnetConsole",
            "scrapy.extensions.remote_control.RemoteControl")


def test_the_crawl_settings_load_neither_console() -> None:
    settings = Settings()
    settings.setmodule(crawlers.settings, priority="project")
    enabled = build_component_list(settings.getwithbase("EXTENSIONS"))
    assert not set(CONSOLES) & set(enabled)
    # Scrapy's defaults, which a crawl without our settings gets, have both.
    assert set(CONSOLES) <= set(build_component_list(Settings().getwithbase("EXTENSIONS")))


def test_a_crawl_leaves_no_job_file_and_logs_no_console(tmp_path: Path) -> None:
    corpus = write_source("greenhouse", tmp_path / "corpus", months=1, copies=1)
    args = {**dict(get_source("greenhouse").default_args), **corpus.spider_args}
    jobs = tmp_path / "job_files"
    with replay_server(tmp_path / "corpus") as url:
        result = run_crawl("greenhouse", landing_dir=tmp_path / "landing",
                           base_url=f"{url}/greenhouse", args=args,
                           settings={"REMOTE_CONTROL_JOBS_DIR": str(jobs)})
    assert result.ok and result.manifest["items"] > 0
    log = Path(result.log_file).read_text(encoding="utf-8")
    assert "Enabled extensions" in log
    assert not any(name in log for name in CONSOLES)
    assert "Telnet" not in log
    assert not jobs.exists() or not any(jobs.iterdir())
