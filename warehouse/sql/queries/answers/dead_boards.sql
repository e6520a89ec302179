-- Dead boards: moved (404/410, or a redirect off the ATS) or empty three crawls in a row, so
-- later crawls skip them, as the latest loaded run of each board source recorded them; with the
-- board's last real answer. $sources: only these sources (empty list: all).
with latest_run as (
    select source, run_id
    from board_outcomes
    qualify row_number() over (partition by source
                               order by started_at desc nulls last, run_id desc) = 1
),
last_answer as (
    select source, board, outcome, http_status, coalesce(moved_to, error) as detail, started_at
    from board_outcomes
    where outcome <> 'dead'
    qualify row_number() over (partition by source, board
                               order by started_at desc nulls last, run_id desc) = 1
)
select b.source, b.board, b.dead_since, b.streak,
       a.outcome as last_answer, a.http_status as last_status, a.detail,
       a.started_at as last_asked_at
from board_outcomes as b
join latest_run using (source, run_id)
left join last_answer as a using (source, board)
where b.dead_since is not null
  and (len($sources) = 0 or list_contains($sources, b.source))
order by b.source, b.board
