#!/usr/bin/env python3
"""Checks an FKP audit export and its manifest with nothing but the Python standard library,
following docs/audit.md (sections 3, 5 and 6). Usage: verify_export.py EXPORT [MANIFEST]
[--head "CHAIN ENTRY HASH"]... (the manifest defaults to EXPORT.manifest.json; a head is one held
outside the server, as printed on the minutes). Exits 1 and names the first broken entry of each
chain, a disagreement with the manifest, or a head the export does not hold. The Ed25519 signature needs a library the standard one
lacks: check it with `fkp audit verify-export`, or any Ed25519 tool, over the manifest's signing text."""
import argparse, hashlib, json, sys

FIELDS = ["chain", "seq", "prev_hash", "hash", "occurred_at", "actor", "actor_role", "forum_id", "region_code",
          "action", "reason", "decision_ref", "table_name", "operation", "row_key", "old_row", "new_row"]
HASHED = [f for f in FIELDS if f != "hash"]


def canonical(e):
    def field(v):
        return "-\n" if v is None else f"{len(str(v).encode())}:{v}\n"
    return field("fkp-audit-v1") + "".join(field(e[k]) for k in HASHED)


def entries(data, form):
    text = data.decode("utf-8")
    if form == "jsonl":
        # Lines end at line feeds only: JSON text may hold other line separators (U+2028...).
        for number, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
            yield number, json.loads(line)
        return
    # CSV: an empty unquoted field is absent (null), "" is empty text. The csv module cannot tell
    # them apart, so fields are read with quoting kept and unquoted here.
    rows = iter(_records(text))
    header = next(rows)
    if header[1] != FIELDS:
        raise ValueError("not an FKP audit CSV export")
    for number, record in rows:
        yield number, dict(zip(FIELDS, record))


def _records(text):
    """Yields (line number, fields) with None for an empty unquoted field."""
    line, start, fields, field, quoted, inside, i = 1, 1, [], "", False, False, 0
    while i < len(text):
        c = text[i]
        if inside:
            if c == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field += '"'; i += 1
                else:
                    inside = False
            else:
                field += c
                line += c == "\n"
        elif c == '"':
            inside, quoted = True, True
        elif c == ",":
            fields.append(field if quoted or field else None); field, quoted = "", False
        elif c == "\n":
            fields.append(field if quoted or field else None)
            yield start, fields
            fields, field, quoted = [], "", False
            line += 1; start = line
        else:
            field += c
        i += 1


def heads_held_elsewhere(texts):
    """(chain, entry, hash) of each "CHAIN ENTRY HASH", the hash's groups of four apart or together."""
    heads = []
    for text in texts:
        words = text.split()
        digest = "".join(words[2:]).lower()
        if len(words) < 3 or not (words[1].isascii() and words[1].isdigit()) or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            sys.exit(f"--head {text!r}: give the chain, the entry number and the hash's 64 hexadecimal digits")
        heads.append((words[0], int(words[1]), digest))
    return heads


def main():
    options = argparse.ArgumentParser(description="Checks an FKP audit export and its manifest.")
    options.add_argument("export")
    options.add_argument("manifest", nargs="?")
    options.add_argument("--head", action="append", default=[], help='a chain head held elsewhere: "CHAIN ENTRY HASH"')
    arguments = options.parse_args()
    path = arguments.export
    heads = heads_held_elsewhere(arguments.head)
    manifest = json.load(open(arguments.manifest or path + ".manifest.json"))
    wanted, held = {(chain, seq) for chain, seq, _ in heads}, {}
    data = open(path, "rb").read()
    problems, chains, count = [], {}, 0
    try:
        for number, e in entries(data, manifest["request"]["format"]):
            count += 1
            seq = int(e["seq"])
            c = chains.get(e["chain"])
            if c is None:
                c = chains[e["chain"]] = {"chain": e["chain"], "entries": 0, "first_seq": seq, "first_prev_hash": e["prev_hash"],
                                          "first_hash": e["hash"], "last_seq": seq - 1, "last_hash": e["prev_hash"], "broken": False}
            c["entries"] += 1
            if not c["broken"]:
                e = dict(e, seq=seq, forum_id=None if e["forum_id"] is None else str(e["forum_id"]))
                why = None
                if seq <= c["last_seq"]:
                    why = "inserted or reordered (sequence number repeats or goes back)"
                elif seq != c["last_seq"] + 1:
                    why = f"entry {c['last_seq'] + 1} is missing or out of place"
                elif hashlib.sha256(canonical(e).encode()).hexdigest() != e["hash"]:
                    why = "changed (its content does not match its hash)"
                elif e["prev_hash"] != c["last_hash"]:
                    why = "inserted or reordered (previous hash does not match)"
                if why:
                    problems.append(f"line {number}: chain {e['chain']}, entry {seq}: {why}")
                    c["broken"] = True
            c["last_seq"], c["last_hash"] = seq, e["hash"]
            if (e["chain"], seq) in wanted:
                held.setdefault((e["chain"], seq), e["hash"])
    except (ValueError, KeyError, TypeError, AssertionError, UnicodeDecodeError) as error:
        problems.append(f"unreadable as {manifest['request']['format']}: {error!r}")
    if hashlib.sha256(data).hexdigest() != manifest["file_sha256"]:
        problems.append("the file's SHA-256 differs from the manifest's: the file was changed after export")
    if count != manifest["entries"]:
        problems.append(f"the file holds {count} entries, the manifest says {manifest['entries']}")
    seen = {k: {f: v for f, v in c.items() if f != "broken"} for k, c in chains.items()}
    for expected in manifest["chains"]:
        if seen.get(expected["chain"]) != expected:
            problems.append(f"chain {expected['chain']} differs from the manifest: {seen.get(expected['chain'])} != {expected}")
    for name in seen.keys() - {c["chain"] for c in manifest["chains"]}:
        problems.append(f"chain {name} is in the file but not in the manifest")
    for chain, seq, digest in heads:
        if (chain, seq) not in held:
            problems.append(f"chain {chain}, entry {seq}: not in this export, so the head held elsewhere cannot be compared")
        elif held[(chain, seq)] != digest:
            problems.append(f"chain {chain}, entry {seq}: the hash is {held[(chain, seq)]}, not {digest} as held elsewhere: "
                            "the history up to this entry was changed since")
    for problem in problems:
        print(problem)
    print(f"{count} {'entry' if count == 1 else 'entries'} in {len(chains)} {'chain' if len(chains) == 1 else 'chains'}: "
          f"{'BROKEN' if problems else 'intact'} (signature not checked here)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
