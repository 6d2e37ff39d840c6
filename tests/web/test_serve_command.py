"""`vanban serve`: wrong options are refused with the CLI's Vietnamese messages, before any server starts."""

from __future__ import annotations


def test_bad_port_and_engine(cli):
    for args, words in (
        (("--port", "70000"), "--port là một số từ 1 đến 65535"),
        (("--engine", "lucene"), "--engine là tantivy hoặc whoosh"),
        (("--max-upload", "-1"), "--max-upload là số MB"),
    ):
        result = cli("serve", *args)
        assert result.returncode == 2, args
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_listed_in_help(cli):
    assert "serve" in cli("--help").stdout
