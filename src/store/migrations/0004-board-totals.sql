-- 0004-board-totals.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The pipeline board adds up each column (count, sum and weighted sum per
-- currency) after every move. This index holds all that the sums read, in
-- currency order, so a column of thousands is summed from the index alone
-- without visiting the table or sorting.

CREATE INDEX opportunities_by_stage_totals
  ON opportunities (pipeline, stage, currency, amount_minor, win_likelihood);
