-- After a rebuild every posting's skills come from this taxonomy version.
update postings set taxonomy_version = $taxonomy_version
where taxonomy_version is distinct from $taxonomy_version
