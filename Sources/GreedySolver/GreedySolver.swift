// Greedy construction and local search.
