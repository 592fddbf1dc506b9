-- 0002-subscriptions.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Subscriptions recorded by hand in local mode (no account). The day one
-- starts, its customer becomes Active; with sync on, subscriber statuses
-- come from the server only and these rows change nothing. `ended_on` is
-- the first day without the subscription.

CREATE TABLE subscriptions (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  plan         TEXT NOT NULL DEFAULT '',
  amount_minor INTEGER NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
  currency     TEXT NOT NULL CHECK (length (currency) = 3 AND upper (currency) = currency),
  started_on   TEXT NOT NULL CHECK (date (started_on, '+0 days') IS started_on),
  ended_on     TEXT CHECK (ended_on IS NULL
                           OR (date (ended_on, '+0 days') IS ended_on AND ended_on > started_on)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id);
CREATE INDEX subscriptions_by_start ON subscriptions (started_on);

CREATE INDEX routing_rules_by_position ON routing_rules (position, id);
