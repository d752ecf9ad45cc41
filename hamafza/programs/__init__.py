"""Programs and weighted milestones: one model that engagement's joint programs, roundtables' execution programs
and governors' key works all reuse. Other apps attach their own models to ``Program`` with a foreign key
(partners, contributions, pledges), never a copy of it.
"""
