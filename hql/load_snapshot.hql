-- realtime-trend load stage (docs/contract.md section 2).
-- Rewrites the partition (dt, hr) of realtime_trend.keyword_rank, an EXTERNAL ORC table, from every raw
-- snapshot CSV of that hour. Idempotent: rerunning an hour leaves the same rows, in one set of ORC files.
-- An hour with no raw snapshot (raw retention, a skipped crawl) leaves its partition exactly as it was.
-- It also keeps realtime_trend.hourly_trend (docs/contract.md section 3) up to date with the windows written.
-- Runs unchanged on HiveServer2 (Oozie hive2 action, Beeline) and on Spark SQL with Hive support.
--
-- Parameters (Oozie hive2 <param>, beeline --hivevar, or SET hivevar:…):
--   dataRoot  data root URI, e.g. hdfs://namenode:8020/data/realtime-trend
--   dt        the slot's KST date, yyyy-MM-dd
--   hr        the slot's KST hour, HH

CREATE DATABASE IF NOT EXISTS realtime_trend;

-- The snapshots as the crawl writes them: RFC 4180 CSV under raw/dt=…/hr=…/, every column text.
-- RFC 4180 has no escape character (a quote inside a quoted field is doubled); NUL as OpenCSV's escape
-- character keeps a backslash in a keyword a backslash.
CREATE EXTERNAL TABLE IF NOT EXISTS realtime_trend.keyword_rank_raw (
  snapshot_time STRING,
  crawled_at    STRING,
  `rank`        STRING,
  keyword       STRING,
  state         STRING
)
PARTITIONED BY (dt STRING, hr STRING)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"', 'escapeChar' = '\u0000')
STORED AS TEXTFILE
LOCATION '${hivevar:dataRoot}/raw';

-- The table every reader uses.
CREATE EXTERNAL TABLE IF NOT EXISTS realtime_trend.keyword_rank (
  snapshot_time TIMESTAMP,
  crawled_at    TIMESTAMP,
  `rank`        INT,
  keyword       STRING,
  state         STRING
)
PARTITIONED BY (dt STRING, hr STRING)
STORED AS ORC
LOCATION '${hivevar:dataRoot}/warehouse/keyword_rank';

-- The trends the analyze stage writes, as a table for Hue's editor or Beeline: one partition per window directory,
-- every column text (OpenCSVSerde reads each as STRING, CAST for numbers). window_end_time is the file's own
-- window_end column, yyyy-MM-dd HH:mm:ss, and the partition column window_end is the directory's yyyyMMddHHmm.
CREATE EXTERNAL TABLE IF NOT EXISTS realtime_trend.hourly_trend (
  window_end_time  STRING,
  position         STRING,
  keyword          STRING,
  appearances      STRING,
  snapshots        STRING,
  appearance_ratio STRING,
  avg_rank         STRING,
  best_rank        STRING,
  latest_rank      STRING
)
PARTITIONED BY (window_end STRING)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"', 'escapeChar' = '\u0000')
STORED AS TEXTFILE
LOCATION '${hivevar:dataRoot}/trends'
TBLPROPERTIES ('skip.header.line.count' = '1');

-- Every window written so far becomes its partition, so the previous workflow's window is queryable from here on.
-- Hidden directories (a window being written) are not partitions.
MSCK REPAIR TABLE realtime_trend.hourly_trend;

ALTER TABLE realtime_trend.keyword_rank_raw ADD IF NOT EXISTS PARTITION (dt = '${hivevar:dt}', hr = '${hivevar:hr}');

-- Check and note in one scan of the hour's raw rows. The check: every row is the contract's header or a
-- valid row of that hour (a wrong header, a non-numeric rank, an empty keyword or an unknown state fails the
-- load here, before the partition is touched, so it keeps what it had). The note: what this load will do, as
-- one row (Beeline prints it in the action's log; the load command prints it). The check's assert_true()
-- sits in the value the note counts, so no optimizer can prune it away.
SELECT concat('load_note: dt=${hivevar:dt} hr=${hivevar:hr}: ',
              if(count(data_time) = 0, 'no raw snapshot for this hour; the partition is left as it was',
                 concat('rewriting the partition from ', count(DISTINCT data_time), ' snapshot(s), ',
                        count(data_time), ' rows'))) AS load_note
FROM (
  SELECT CASE WHEN valid THEN data_time ELSE assert_true(valid) END AS data_time
  FROM (
    SELECT if(snapshot_time = 'snapshot_time', NULL, snapshot_time) AS data_time,
           (snapshot_time = 'snapshot_time' AND crawled_at = 'crawled_at' AND `rank` = 'rank'
            AND keyword = 'keyword' AND state = 'state')
           OR (CAST(snapshot_time AS TIMESTAMP) IS NOT NULL
               AND substr(snapshot_time, 1, 13) = concat('${hivevar:dt}', ' ', '${hivevar:hr}')
               AND CAST(crawled_at AS TIMESTAMP) IS NOT NULL
               AND `rank` RLIKE '^[1-9][0-9]{0,3}$'
               AND trim(keyword) <> ''
               AND state IN ('', 'up', 'down', 'same', 'new')) AS valid
    FROM realtime_trend.keyword_rank_raw
    WHERE dt = '${hivevar:dt}' AND hr = '${hivevar:hr}'
  ) classified
) checked;

-- One reducer per hour: the partition is rewritten as one sorted ORC file. hr is a dynamic partition
-- column (its only value is the slot's hour), so a SELECT without rows writes no partition and the
-- existing one stays: a static PARTITION (…, hr = …) would be overwritten with nothing.
INSERT OVERWRITE TABLE realtime_trend.keyword_rank PARTITION (dt = '${hivevar:dt}', hr)
SELECT CAST(snapshot_time AS TIMESTAMP) AS snapshot_time,
       CAST(crawled_at AS TIMESTAMP)    AS crawled_at,
       CAST(`rank` AS INT)              AS `rank`,
       keyword,
       state,
       hr
FROM realtime_trend.keyword_rank_raw
WHERE dt = '${hivevar:dt}' AND hr = '${hivevar:hr}'
  AND snapshot_time <> 'snapshot_time'
DISTRIBUTE BY snapshot_time
SORT BY snapshot_time, `rank`;
