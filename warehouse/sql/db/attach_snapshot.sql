-- Attach the published file read-only to a private in-memory instance, as `warehouse`.
attach $path as warehouse (read_only)
