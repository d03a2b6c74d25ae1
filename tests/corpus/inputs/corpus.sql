PRAGMA temp_store = MEMORY;
CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 200000)
INSERT INTO t SELECT i, printf('%08x', (i * 2654435761) % 4294967296), i * 0.5 FROM s;
CREATE INDEX t_b ON t(b);
SELECT count(*), sum(a), total(c) FROM t;
SELECT substr(b, 1, 2) AS k, count(*), min(a), max(a) FROM t GROUP BY k ORDER BY k LIMIT 8;
SELECT a, b FROM t ORDER BY b DESC LIMIT 5;
UPDATE t SET c = c * 2 WHERE a % 3 = 0;
DELETE FROM t WHERE a % 5 = 0;
SELECT count(*), total(c), group_concat(b, '') IS NOT NULL FROM t;
SELECT x.a, y.a FROM t AS x JOIN t AS y ON y.b = x.b WHERE x.a < 20 ORDER BY x.a;
