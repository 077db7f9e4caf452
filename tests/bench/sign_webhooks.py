#!/usr/bin/env python3
"""Writes the signed webhook requests that bench-server.sh replays with wrk.

One file per webhook, one request per line: PATH<TAB>X-Twilio-Signature<TAB>BODY. The signature is
Twilio's: base64(HMAC-SHA1(auth token, URL + each parameter name, sorted, followed by its
value)), over the public base URL the server was told it is reached at.

The bodies vary so that every request writes to the store, as real callbacks do: a gather
alternates the digits 2 and 3 (an answer that differs from the call's current one is recorded),
and each status carries its own SequenceNumber (a repeated one would be a duplicate, which
writes nothing). A call's SequenceNumbers rise through the file, as Twilio's do. The status
file is cut into one slice per wrk thread (--slices), each naming calls of its own, and thread i
starts at slice i (bench_requests.lua), so no thread's statuses arrive after a higher number sent
by another (which would make them stale: stored, but not applied). A thread that sends more than
its slice runs into the next one; the RESULT line's results= shows it.
"""
import argparse
import base64
import hashlib
import hmac
import urllib.parse


def signature(token, url, params):
    data = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def line(token, base, path, params):
    return "%s\t%s\t%s\n" % (path, signature(token, base + path, params),
                             urllib.parse.urlencode(params))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True, help="the server's public base URL")
    parser.add_argument("--auth-token", required=True)
    parser.add_argument("--sids", required=True, help="file with one existing call sid per line")
    parser.add_argument("--status-count", type=int, default=200000)
    parser.add_argument("--slices", type=int, default=2, help="wrk's threads: one slice each")
    parser.add_argument("--out", required=True, help="prefix of the files written")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    sids = [s.strip() for s in open(args.sids) if s.strip()]
    account = "AC" + "0" * 32

    with open(args.out + "twiml.txt", "w") as out:
        path = "/notifications/call/twiml?task_title=Benchmark+task&task_id=bench-1"
        for sid in sids:
            out.write(line(args.auth_token, base, path,
                           [("AccountSid", account), ("CallSid", sid),
                            ("CallStatus", "in-progress")]))

    with open(args.out + "gather.txt", "w") as out:
        path = "/notifications/call/gather?task_id=bench-1"
        for digits in ("2", "3"):
            for sid in sids:
                out.write(line(args.auth_token, base, path,
                               [("AccountSid", account), ("CallSid", sid), ("Digits", digits)]))

    with open(args.out + "status.txt", "w") as out:
        path = "/notifications/call/status"
        # Equal slices, so thread i's start (i * lines / slices) is where slice i begins.
        slices = max(1, min(args.slices, len(sids)))
        per_slice = len(sids) // slices
        rounds = max(1, args.status_count // (per_slice * slices))
        for first in range(0, per_slice * slices, per_slice):
            for sequence in range(100, 100 + rounds):
                for sid in sids[first:first + per_slice]:
                    out.write(line(args.auth_token, base, path,
                                   [("AccountSid", account), ("CallSid", sid),
                                    ("CallStatus", "in-progress"),
                                    ("SequenceNumber", str(sequence)),
                                    ("Timestamp", "Wed, 25 Nov 2026 12:00:00 +0000")]))


if __name__ == "__main__":
    main()
