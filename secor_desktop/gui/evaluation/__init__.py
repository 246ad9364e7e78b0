"""The self-evaluation wizard's parts: question widgets, pages, and the words for scores."""
