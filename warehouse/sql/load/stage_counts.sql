select
    count(*) filter (where not existed) as items_new,
    count(*) filter (where changed) as items_changed,
    count(*) filter (where existed and not changed) as items_unchanged
from stage
