// Instance to MILP.
