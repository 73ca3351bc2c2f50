-- Catalogue search keeps prefix indexes for the first one, two and three characters of every word. A citizen
-- types the last word of a query as a prefix ("khai t" on the way to "khai tử"); without these indexes FTS5
-- answers a one-letter prefix by merging the doclists of every indexed word that starts with it (for "t":
-- thủ, tục, tỉnh, trẻ, tịch...), the slowest queries of bench/search_bench. FTS5 options cannot be altered, so
-- the table is made again and rebuilt from procedures; the triggers of 0001 name it and keep working.
DROP TABLE procedures_fts;
CREATE VIRTUAL TABLE procedures_fts USING fts5(
  code, name, field, content = 'procedures', content_rowid = 'id', tokenize = 'vn', prefix = '1 2 3');
INSERT INTO procedures_fts (procedures_fts) VALUES ('rebuild');
