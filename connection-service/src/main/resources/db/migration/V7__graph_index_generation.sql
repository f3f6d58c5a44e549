-- Raised when an operator swaps rebuilt tables in (POST /admin/projection/rebuild?swap=true): every replica's
-- graph index tail (GraphIndexTail) sees the new value and rebuilds its index from the swapped tables.
CREATE TABLE graph_index_generation (
    id          INT     PRIMARY KEY CHECK (id = 1),
    generation  BIGINT  NOT NULL
);
INSERT INTO graph_index_generation VALUES (1, 0);
