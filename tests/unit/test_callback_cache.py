"""Callback answers are kept per request body, host and package version."""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
from flask import Flask, jsonify, request
from flask_caching import Cache

from pazos_dash.shell.callback_cache import CallbackResponseCache


def _app(version: dict) -> tuple[Flask, list]:
    server = Flask(__name__)
    calls: list = []

    @server.post("/_dash-update-component")
    def update():
        calls.append(request.get_json())
        return jsonify(answer=len(calls), version=version["v"])

    CallbackResponseCache(server, Cache(server, config={"CACHE_TYPE": "SimpleCache"}), "/_dash-update-component",
                          lambda: version["v"])
    return server, calls


def test_the_same_request_is_answered_once_per_package_version():
    version = {"v": "a"}
    server, calls = _app(version)
    client = server.test_client()
    first = client.post("/_dash-update-component", json={"inputs": [1]}).get_json()  # no Accept-Encoding: plain
    assert client.post("/_dash-update-component", json={"inputs": [1]}).get_json() == first
    assert len(calls) == 1
    assert client.post("/_dash-update-component", json={"inputs": [2]}).get_json()["answer"] == 2  # another selection
    version["v"] = "b"  # a republished package: nothing computed from the old one is sent
    assert client.post("/_dash-update-component", json={"inputs": [1]}).get_json() == {"answer": 3, "version": "b"}


def test_the_host_is_part_of_the_key():
    server, calls = _app({"v": "a"})
    client = server.test_client()
    client.post("/_dash-update-component", json={"inputs": [1]}, base_url="http://one.example")
    client.post("/_dash-update-component", json={"inputs": [1]}, base_url="http://two.example")
    assert len(calls) == 2


def test_errors_are_not_kept():
    server = Flask(__name__)
    calls: list = []

    @server.post("/_dash-update-component")
    def update():
        calls.append(1)
        return jsonify(error="x"), 500

    CallbackResponseCache(server, Cache(server, config={"CACHE_TYPE": "SimpleCache"}), "/_dash-update-component", lambda: "a")
    client = server.test_client()
    client.post("/_dash-update-component", json={})
    client.post("/_dash-update-component", json={})
    assert len(calls) == 2


@pytest.mark.parametrize("accept, encoding", [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("", None)])
def test_answers_are_kept_compressed_for_what_the_client_accepts(accept, encoding):
    server, calls = _app({"v": "a"})
    client = server.test_client()
    for _ in range(2):
        response = client.post("/_dash-update-component", json={"inputs": [1]}, headers={"Accept-Encoding": accept})
        assert response.headers.get("Content-Encoding") == encoding
        data = response.data
        plain = brotli.decompress(data) if encoding == "br" else gzip.decompress(data) if encoding == "gzip" else data
        assert json.loads(plain) == {"answer": 1, "version": "a"}
    assert len(calls) == 1
