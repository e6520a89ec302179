-- Two pay facts the text parser now states (see `jobpulse pay parse`):
--   pay_currency_inferred: the text named no currency, so the posting's country gave it;
--   pay_ir35: a UK contract's IR35 status as the posting states it ('inside' / 'outside').
alter table postings add column pay_currency_inferred boolean;
alter table postings add column pay_ir35 varchar;
