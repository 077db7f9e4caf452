#!/usr/bin/python3
"""A Python peer for benchmarks: the three Twilio webhooks in FastAPI + uvicorn.

The issue's yardstick ("a Python FastAPI+uvicorn implementation of the same endpoints") made
real, so bench-server.sh can measure it beside flux-calldesk on the same machine with the same
requests. It does what our webhooks do on their hot path: check X-Twilio-Signature with the
official SDK's RequestValidator, look the call up and record the event in SQLite (WAL, synced
like our store), and answer with the same TwiML or JSON. Not part of the product.

  TWILIO_AUTH_TOKEN=... FLUX_API_TOKEN=... PUBLIC_BASE_URL=http://127.0.0.1:8100 \
      /usr/bin/python3 tests/bench/peer/fastapi_peer.py --port 8100 --db /tmp/peer.sqlite

Its POST /notifications/call only records a call (no Twilio request) so that bench-server.sh
can create the calls its webhooks name; measure the peer with --only "twiml gather status".
"""
import argparse
import html
import os
import sqlite3
import secrets
import sys
from urllib.parse import parse_qsl

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from twilio.request_validator import RequestValidator

PROMPT = "Hi! This is Flux. You have a critical task: {}. Press 1 to acknowledge."

app = FastAPI()
validator = RequestValidator(os.environ.get("TWILIO_AUTH_TOKEN", ""))
public_base = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
db: sqlite3.Connection


def open_db(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS calls (sid TEXT PRIMARY KEY, status TEXT,"
                 " digits TEXT, acknowledged INTEGER DEFAULT 0)")
    conn.execute("CREATE TABLE IF NOT EXISTS events (sid TEXT, kind TEXT, value TEXT,"
                 " seq INTEGER)")
    return conn


async def signed_form(request: Request):
    body = (await request.body()).decode()
    params = dict(parse_qsl(body, keep_blank_values=True))
    url = public_base + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    ok = validator.validate(url, params, request.headers.get("x-twilio-signature", ""))
    return params, ok


def forbidden():
    return JSONResponse({"detail": "Invalid Twilio signature"}, status_code=403)


def twiml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>' + body,
                    media_type="application/xml")


@app.post("/notifications/call/twiml")
async def call_twiml(request: Request):
    _, ok = await signed_form(request)
    if not ok:
        return forbidden()
    title = request.query_params.get("task_title", "")
    gather = public_base + "/notifications/call/gather"
    say = html.escape(PROMPT.format(title), quote=False)
    return twiml('<Response><Gather input="dtmf" numDigits="1" timeout="10" action="{}"'
                 ' method="POST" actionOnEmptyResult="true"><Say>{}</Say></Gather>'
                 "</Response>".format(html.escape(gather), say))


@app.post("/notifications/call/gather")
async def call_gather(request: Request):
    params, ok = await signed_form(request)
    if not ok:
        return forbidden()
    sid, digits = params.get("CallSid", ""), params.get("Digits", "")
    if db.execute("SELECT 1 FROM calls WHERE sid=?", (sid,)).fetchone() is None:
        return JSONResponse({"detail": "Unknown call " + sid}, status_code=404)
    with db:
        db.execute("INSERT INTO events VALUES (?, 'gather', ?, NULL)", (sid, digits))
        if digits == "1":
            db.execute("UPDATE calls SET digits=?, acknowledged=1 WHERE sid=?", (digits, sid))
    said = ("Thank you. Task acknowledged. Goodbye." if digits == "1"
            else "No acknowledgment received. Goodbye.")
    return twiml("<Response><Say>{}</Say><Hangup/></Response>".format(said))


@app.post("/notifications/call/status")
async def call_status(request: Request):
    params, ok = await signed_form(request)
    if not ok:
        return forbidden()
    sid, status = params.get("CallSid", ""), params.get("CallStatus", "")
    if db.execute("SELECT 1 FROM calls WHERE sid=?", (sid,)).fetchone() is None:
        return JSONResponse({"detail": "Unknown call " + sid}, status_code=404)
    with db:
        db.execute("INSERT INTO events VALUES (?, 'status', ?, ?)",
                   (sid, status, params.get("SequenceNumber")))
        db.execute("UPDATE calls SET status=? WHERE sid=?", (status, sid))
    return {"call_sid": sid, "result": "applied"}


@app.post("/notifications/call", status_code=201)
async def create_call(request: Request):
    if request.headers.get("authorization", "") != "Bearer " + os.environ.get("FLUX_API_TOKEN", ""):
        return JSONResponse({"detail": "Missing or invalid API token"}, status_code=401)
    sid = "CA" + secrets.token_hex(16)
    with db:
        db.execute("INSERT INTO calls (sid, status) VALUES (?, 'queued')", (sid,))
    return {"call_sid": sid, "status": "queued"}


def main() -> int:
    global db
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--db", default="/tmp/flux-peer.sqlite")
    args = parser.parse_args()
    db = open_db(args.db)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
