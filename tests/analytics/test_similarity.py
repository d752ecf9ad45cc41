from hamafza.analytics.similarity import terms, tfidf_similarity


def test_terms_drop_stop_words_and_fold_arabic_letters():
    assert terms("پيشگيري از آسیب‌های اجتماعی و حمايت") == ["پیشگیری", "آسیب", "اجتماعی", "حمایت"]


def test_the_document_on_the_same_subject_scores_highest_and_names_its_terms():
    mission = "پیشگیری از آسیب‌های اجتماعی و حمایت از خانواده"
    docs = [
        "کاهش پسماند و پاکسازی طبیعت",
        "مددکاری و پیشگیری از آسیب‌های اجتماعی در حاشیه شهر",
        "آموزش هنر به کودکان",
    ]
    matches = tfidf_similarity(mission, docs)
    assert max(range(3), key=lambda i: matches[i].score) == 1
    assert set(matches[1].terms) >= {"پیشگیری", "آسیب", "اجتماعی"}
    assert matches[0].score == 0 and matches[0].terms == ()


def test_identical_texts_have_cosine_one_and_an_empty_query_zero():
    assert abs(tfidf_similarity("حفاظت محیط زیست", ["حفاظت محیط زیست"])[0].score - 1) < 1e-9
    assert tfidf_similarity("و از به", ["محیط زیست"])[0].score == 0
