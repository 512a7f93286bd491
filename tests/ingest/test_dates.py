"""Dates as exports write them; the day/month order decided per file; odd dates kept and said."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.config import InputOptions
from analysis.ingest.corpus import load_corpus
from analysis.ingest.dates import FileOrder, date_remark, decide_order, read_date
from analysis.ingest.model import InputError
from tests.ingest.test_kinds import DATA


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-07-01", "2024-07-01"),
        ("2024-7-1", "2024-07-01"),
        ("2024-07-01T23:30:00-05:00", "2024-07-01"),  # the date in the zone the value states
        ("2024-07-01T01:30:00+09:00", "2024-07-01"),
        ("2019-01-04T10:20:00Z", "2019-01-04"),
        ("Mon, 01 Jul 2024 10:00:00 GMT", "2024-07-01"),
        ("July 1, 2024", "2024-07-01"),
        ("1 July 2024", "2024-07-01"),
        ("2024/07/01", "2024-07-01"),
        ("20240701", "2024-07-01"),
        ("Mon, 01 Jul 2024 22:00:00 EST", "2024-07-01"),  # a zone dateutil does not know
        ("Published: July 1, 2024", "2024-07-01"),  # words around the date
        ("94737600", "1973-01-01"),  # an 8-digit epoch that is no YYYYMMDD
        ("1719792000", "2024-07-01"),
        ("1719792000000", "2024-07-01"),
        (dt.datetime(2024, 7, 1, 23, 59), "2024-07-01"),
        (None, ""),
        ("  ", ""),
    ],
)
def test_formats(raw, iso):
    assert read_date(raw) == iso


def test_numeric_order():
    assert read_date("01.07.2024", order=FileOrder("dayfirst")) == "2024-07-01"
    assert read_date("01/07/2024", order=FileOrder("monthfirst")) == "2024-01-07"
    assert read_date("13/07/2024") == "2024-07-13"  # only one reading exists


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("2023-13-01", "impossible"),
        ("2024-02-30", "impossible"),
        ("soon", "unreadable"),
        ("July 2024", "unreadable"),
        ("10:00", "unreadable"),
        ("Updated 2 hours ago", "unreadable"),
    ],
)
def test_bad_dates_are_named(raw, kind):
    with pytest.raises(InputError, match=f"{kind} date '{raw}'"):
        read_date(raw)


def test_forced_order_names_a_date_that_contradicts_it():
    with pytest.raises(InputError, match="read day-first"):
        read_date("07/13/2024", order=FileOrder("dayfirst", forced=True))


def test_decide_order():
    assert decide_order(["01/07/2024", "13/07/2024"]).order == "dayfirst"
    assert decide_order(["01/07/2024", "07/13/2024"]).order == "monthfirst"
    undecided = decide_order(["01/07/2024", "02/08/2024", "July 1, 2024"])
    assert (undecided.order, undecided.settled, undecided.ambiguous) == ("monthfirst", False, 2)
    assert decide_order(["01/07/2024"], forced="dayfirst").order == "dayfirst"


def test_odd_dates_remarked():
    assert "future" in date_remark("2091-01-01")
    assert "before 1900" in date_remark("1850-06-01")
    assert date_remark("2024-07-01") == ""


def test_per_file_order_and_notice_once():
    corpus = load_corpus([DATA / "dayfirst.csv", DATA / "ambiguous.csv"])
    dates = [a.date for a in corpus.articles]
    assert dates == ["2024-07-01", "2024-07-13", "2024-08-02", "2024-01-07", "2024-02-08"]
    said = [n for n in corpus.notices if "day/month order" in n.reason]
    assert [n.path.rsplit("/", 1)[-1] for n in said] == ["ambiguous.csv"]


def test_dayfirst_option_reads_the_ambiguous_file_day_first():
    options = InputOptions(order="dayfirst")
    corpus = load_corpus([DATA / "ambiguous.csv"], options=options)
    assert [a.date for a in corpus.articles] == ["2024-07-01", "2024-08-02"]
    assert not corpus.notices


def test_messy_dates_kept_right_and_bad_ones_named():
    corpus = load_corpus([DATA / "messy.csv"])
    dates = {a.title: a.date for a in corpus.articles}
    assert dates == {
        "Talks in Ankara": "2024-07-01",
        "Hezbollah warns": "2024-07-02",
        "Summit in Doha": "2024-07-03",
        "Trade figures": "2024-07-04",
        "Border talks": "2024-07-06",
        "Oil prices": "2024-07-07",
        "Zone": "2024-07-07",
        "Future": "2091-01-01",
        "Old": "1850-06-01",
    }
    reasons = {r.location: r.reason for r in corpus.rejects}
    assert reasons["row 8 (line 9)"].startswith("impossible date '2024-02-30'")
    assert reasons["row 9 (line 10)"] == "unreadable date 'next week'"
    assert reasons["row 10 (line 11)"] == "no text"
    notices = {n.location: n.reason for n in corpus.notices}
    assert notices["row 11 (line 12)"] == "date 2091-01-01 is in the future: kept"
    assert notices["row 12 (line 13)"] == "date 1850-06-01 is before 1900: kept"
