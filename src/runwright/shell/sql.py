"""Whether SQL text only reads: every statement is a ``SELECT``, ``SHOW``, ``EXPLAIN`` (not
``EXPLAIN ANALYZE``, which runs the statement), ``TABLE``, ``VALUES``, ``DESCRIBE`` or a
transaction framing (``BEGIN READ ONLY``, ``COMMIT``), and none holds a word that writes
(``INSERT``, ``UPDATE``, ``DELETE``, ``INTO``, ``FOR UPDATE``, ``COPY``...) or a function that
acts on the server (``pg_terminate_backend``, ``setval``...). Quoted text and comments are not
read as words. This is a conservative reading, not a full SQL grammar: what it cannot place is
not read-only.
"""

from __future__ import annotations

import re

_READING = frozenset({"SELECT", "WITH", "SHOW", "TABLE", "VALUES", "DESCRIBE", "DESC",
                      "EXPLAIN", "USE"})
_FRAMING = re.compile(r"^(?:BEGIN|START\s+TRANSACTION|SET\s+TRANSACTION|SET\s+SESSION\s+"
                      r"CHARACTERISTICS\s+AS\s+TRANSACTION)(?:\s+ISOLATION\s+LEVEL\s+\w+"
                      r"(?:\s+\w+)?)?\s+READ\s+ONLY$|^(?:COMMIT|ROLLBACK|END|BEGIN)$")
_WRITING = re.compile(
    r"\b(?:INSERT|UPDATE|DELETE|MERGE|UPSERT|TRUNCATE|DROP|ALTER|CREATE|GRANT|REVOKE|COPY|"
    r"VACUUM|ANALY[SZ]E|CLUSTER|REINDEX|LOCK|CALL|DO|EXECUTE|PREPARE|LOAD|INTO|OUTFILE|"
    r"DUMPFILE|REFRESH|NOTIFY|LISTEN|SECURITY|RENAME|KILL|FLUSH|RESET|PURGE|OPTIMIZE|REPAIR|"
    r"HANDLER|INSTALL|UNINSTALL|SHUTDOWN|ATTACH|DETACH|PRAGMA|REPLACE\s+INTO)\b"
    r"|\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE)\b"
    r"|\b(?:pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|setval|"
    r"nextval|pg_switch_wal|pg_switch_xlog|pg_create_restore_point|pg_promote|"
    r"pg_drop_replication_slot|pg_create_\w*replication_slot|pg_replication_slot_advance|"
    r"pg_wal_replay_pause|pg_wal_replay_resume|pg_stat_reset\w*|pg_advisory\w*|lo_\w+|"
    r"dblink\w*|set_config|pg_file_write|pg_read_file|pg_ls_dir|pg_sleep\w*|"
    r"pg_logical_emit_message|txid_current|pg_current_xact_id|query_to_xml|"
    r"pg_import_system_collations|sleep|benchmark|get_lock)\s*\(",
    re.IGNORECASE)
_ANALYZE = re.compile(r"^EXPLAIN\s+(?:ANALY[SZ]E\b|\((?:[^)]*\bANALY[SZ]E\b(?!\s+"
                      r"(?:FALSE|OFF|0)\b))[^)]*\))", re.IGNORECASE)
#: psql meta-commands that only show things.
_META = re.compile(r"^\\(?:d[A-Za-z]*\+?|l\+?|list|conninfo|x|timing|encoding|dconfig)"
                   r"(?:\s+[^\\|]*)?$")
#: sqlite3 dot-commands that only show things.
_DOT = re.compile(r"^\.(?:tables|schema|indexes|indices|databases|dbinfo|mode|headers?|show|"
                  r"fullschema|width|nullvalue|separator|timer|changes|echo|eqp|help|"
                  r"lint\s+fkey-indexes)\b[^|]*$")
_DOLLAR = re.compile(r"\$([A-Za-z_]\w*)?\$")


def statements(sql: str) -> list[str]:
    """The statements of ``sql``: comments removed, quoted text blanked (kept as ``''``)."""
    out: list[str] = []
    cur: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`":
            j = i + 1
            while j < n and sql[j] != c:
                j += 2 if sql[j] == "\\" and c != '"' else 1
            cur.append(c + c)
            i = j + 1
        elif c == "$" and (m := _DOLLAR.match(sql, i)):
            end = sql.find(m.group(0), m.end())
            cur.append("''")
            i = n if end < 0 else end + len(m.group(0))
        elif sql.startswith("--", i) or (c == "#" and not cur):
            j = sql.find("\n", i)
            i = n if j < 0 else j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == ";" or (c == "\n" and "".join(cur).lstrip().startswith(("\\", "."))):
            out.append("".join(cur).strip())
            cur = []
            i += 1
        elif c == "\\" and "".join(cur).strip() and sql.startswith(("\\g", "\\G"), i):
            out.append("".join(cur).strip())  # "SELECT 1 \g": a statement ended by \g
            cur = [sql[i:i + 2]]
            i += 2
        else:
            cur.append(c)
            i += 1
    out.append("".join(cur).strip())
    return [s for s in out if s]


def unread(sql: str) -> str | None:
    """The first statement of ``sql`` that may write (its first words), or None when every
    statement only reads."""
    for stmt in statements(sql):
        if stmt.startswith("\\"):
            if _META.match(stmt) or stmt in ("\\g", "\\G"):
                continue
            return stmt.split()[0]
        if stmt.startswith("."):
            if _DOT.match(stmt):
                continue
            return stmt.split()[0]
        words = stmt.split()
        head = " ".join(words[:2])
        if _FRAMING.match(" ".join(w.upper() for w in words)):
            continue
        if words[0].upper() not in _READING or _WRITING.search(stmt) or _ANALYZE.match(stmt):
            return head
    return None
