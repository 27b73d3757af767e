-- Demo payments so the lab's commands work on a fresh database (POST /api/payments/process with PAY001).
insert into payment (id, amount, currency, customer_id, description, status, fraud_decision, fraud_score,
                     created_at, updated_at)
values (1, 100.50, 'EUR', 'CUST001', 'Test payment', 'PENDING', 'APPROVE', 5, now(), now()),
       (2, 250.00, 'EUR', 'CUST002', 'Office chairs', 'APPROVED', 'APPROVE', 10, now(), now()),
       (3, 4200.00, 'USD', 'CUST003', 'Server rack', 'PENDING_REVIEW', 'REVIEW', 55, now(), now()),
       (4, 15000.00, 'EUR', 'CUST666', 'Gift cards', 'DECLINED', 'DECLINE', 100, now(), now()),
       (5, 80.00, 'GBP', 'CUST005', 'Conference ticket', 'REFUNDED', 'APPROVE', 0, now(), now());

-- The approved and the refunded payment carry their journal entries, so debits equal credits from the start.
insert into journal_line (entry_id, payment_id, account, direction, amount, currency, created_at)
values ('00000000-0000-0000-0000-000000000002', 2, 'customer:CUST002:receivable', 'DEBIT', 250.00, 'EUR', now()),
       ('00000000-0000-0000-0000-000000000002', 2, 'merchant:payable', 'CREDIT', 250.00, 'EUR', now()),
       ('00000000-0000-0000-0000-000000000005', 5, 'customer:CUST005:receivable', 'DEBIT', 80.00, 'GBP', now()),
       ('00000000-0000-0000-0000-000000000005', 5, 'merchant:payable', 'CREDIT', 80.00, 'GBP', now()),
       ('00000000-0000-0000-0000-000000000055', 5, 'merchant:payable', 'DEBIT', 80.00, 'GBP', now()),
       ('00000000-0000-0000-0000-000000000055', 5, 'customer:CUST005:receivable', 'CREDIT', 80.00, 'GBP', now());

alter table payment alter column id restart with 6;
