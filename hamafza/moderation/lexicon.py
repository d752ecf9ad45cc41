"""Our own curated lexicon of insults and defamation, written in plain Persian; ``insult.py`` folds evasions.

Words that accuse a person or an organization of a crime (دزد، اختلاسگر) are defamation when aimed at someone;
words that judge work (ناکارامد، بی‌کفایتی، ضعیف، فاجعه) are critique and are NOT here: harsh critique of
officials is exactly what the platform is for.
"""

from __future__ import annotations

# Whole words (an ending such as ها، ی، ان may follow). Short ones only ever match a whole word.
INSULTS = """
احمق احمقانه الاغ بیشعور بی‌شعور بیشرف بی‌شرف بی‌ناموس بیناموس بی‌غیرت بیغیرت بی‌وجدان پدرسوخته پدر‌سوخته
حرامزاده حرام‌زاده حرومزاده حرام‌خور حرامخور کثافت آشغال اشغال عوضی نفهم کودن خنگ گاو خر کره‌خر گوساله
دزد اختلاسگر اختلاس‌گر رشوه‌خوار رشوه‌بگیر خائن مزدور وطن‌فروش پست‌فطرت پستفطرت لجن حیوون
دیوث جاکش کلاهبردار شارلاتان دروغگو دروغ‌گو بی‌همه‌چیز شیاد نامرد بی‌لیاقت چاپلوس
بی‌عرضه لاشخور زالو انگل خوک سگ‌صفت توله‌سگ مفت‌خور مفتخور ابله سفیه دیوانه بی‌پدر بی‌مادر
""".split()

# Finglish spellings of the same, compared after their own folding (see insult.py).
FINGLISH_INSULTS = """
ahmagh ahmaq ahmag olagh olaq bishoor bishour bishur bisharaf bisharf binamoos binamus bigheirat
pedarsookhte pedarsokhte haramzade haroomzade kesafat ashghal avazi nafahm koodan khar gav gusale gosale
dozd dozdha khaen khain mozdoor lajan heyvoon heyvan jakesh kolahbardar sharlatan doroughgoo
khook zaloo angal divane
""".split()
