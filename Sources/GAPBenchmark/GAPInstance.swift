// OR-Library GAP reader and model.
