"""Voice: agencies' public pages, citizens' comments and critique, moderation, answers, and Persian search."""
