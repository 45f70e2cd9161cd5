"""Page furniture of other languages (``pagesieve.furniture_words``): whole lines, looked up."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rule_checks import flagged_by_a_rule_alone

from pagesieve.corpus import read_labeled
from pagesieve.furniture_words import PHRASE_KIND, fold, furniture, mentioned, related_headings

DE_ARTICLE = [
    "Stadtrat beschließt neue Radwege entlang der Hafenstraße",
    "Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, entlang der Hafenstraße "
    "zwei getrennte Radwege anzulegen. Die Bauarbeiten sollen im kommenden Frühjahr beginnen.",
    "Nach Angaben der Verwaltung kostet das Vorhaben rund 3,4 Millionen Euro, von denen das Land "
    "knapp die Hälfte übernimmt. Anwohner hatten seit Jahren sicherere Wege gefordert.",
    "Die Opposition kritisierte, dass während der Bauzeit Parkplätze wegfallen. Der Bürgermeister "
    "versprach, Ausweichflächen am alten Güterbahnhof einzurichten.",
]
RU_ARTICLE = [
    "Городской совет утвердил строительство новых велодорожек",
    "Во вторник городской совет большинством голосов одобрил проект двух велодорожек вдоль "
    "набережной. Работы начнутся весной следующего года и продлятся около шести месяцев.",
    "По данным администрации, проект обойдётся примерно в сто двадцать миллионов рублей, "
    "половину суммы выделит региональный бюджет.",
    "Жители прибрежных кварталов несколько лет добивались безопасных маршрутов для велосипедистов "
    "и пешеходов, сообщили в совете.",
]

AR_ARTICLE = [
    "مجلس المدينة يقر إنشاء مسارات جديدة للدراجات على الكورنيش",
    "وافق مجلس المدينة مساء الثلاثاء بأغلبية كبيرة على إنشاء مسارين منفصلين للدراجات على طول "
    "الكورنيش، على أن تبدأ الأعمال في الربيع المقبل وتستمر نحو ستة أشهر.",
    "وبحسب الإدارة تبلغ تكلفة المشروع نحو مئة وعشرين مليون جنيه، تتحمل المحافظة نصفها تقريبا، "
    "بعد سنوات من مطالبة السكان بطرق أكثر أمانا للمشاة وراكبي الدراجات.",
    "وانتقدت المعارضة فقدان أماكن انتظار السيارات خلال فترة البناء، ووعد المحافظ بتوفير "
    "مساحات بديلة قرب محطة القطار القديمة.",
]


@pytest.mark.parametrize(
    ("line", "kind", "how"),
    [
        ("Anzeige", "ad", "phrase"),
        ("Version zum Drucken", "navigation", "phrase"),
        ("« Vorige | Nächste »", "navigation", "bar"),
        ("Impressum | Datenschutz | AGB | Kontakt", "boilerplate", "bar"),
        ("Facebook Twitter Drucken", "navigation", "bar"),
        ("Teilen  Twittern  Mailen  Drucken", "navigation", "bar"),  # a gap between links
        ("Partager sur Facebook  Envoyer par e-mail", "navigation", "bar"),
        ("12 Kommentare", "comment", "form"),
        ("23 commentaires :", "comment", "form"),
        ("5 Gedanken zu „Zwei Tage im Harz“", "comment", "form"),
        ("Kommentare lesen (1 Beitrag)", "comment", "form"),
        ("Lesezeit: 4 Min.", "navigation", "form"),
        ("Lesen Sie auch: Warum die Bahn so oft zu spät kommt", "navigation", "form"),
        ("Accueil / Finistère / Brest", "navigation", "form"),
        ("Главная → Общество", "navigation", "form"),
        ("Lire la suite »", "navigation", "phrase"),
        ("4 min de lecture", "navigation", "form"),
        ("Publicidad", "ad", "phrase"),
        ("Artículos relacionados", "navigation", "phrase"),
        ("Leia também: Como escolher uma bicicleta", "navigation", "form"),
        ("Lees verder", "navigation", "phrase"),
        ("Zaloguj się | Zarejestruj się", "navigation", "bar"),
        ("Комментарии (3)", "comment", "form"),
        ("Политика конфиденциальности", "boilerplate", "phrase"),
        ("Ακολουθήστε μας", "navigation", "phrase"),  # a final sigma, folded
        ("12 kommentarer", "comment", "form"),
        ("Läs också: Så blir vädret i helgen", "navigation", "form"),
        ("Trang chủ / Thể thao / Bóng đá", "navigation", "form"),
        ("Reklam", "ad", "phrase"),
        ("広告", "ad", "phrase"),
        ("3件のコメント", "comment", "form"),  # no space between count and word
        ("ホーム > ニュース > 社会", "navigation", "form"),
        ("シェア  ツイート  印刷", "navigation", "bar"),
        ("댓글 3개", "comment", "count"),
        ("이전글", "navigation", "phrase"),
        # capitals drop Greek accents; a final sigma folds to another letter than the forms held
        ("ΔΙΑΦΗΜΙΣΗ", "ad", "phrase"),
        ("Σχόλια (7)", "comment", "form"),
        ("Διαβάστε επίσης: Νέα γέφυρα στον Αξιό", "navigation", "form"),
        # a share bar's label before its links
        ("Κοινοποίηση: Facebook | Twitter | Εκτύπωση", "navigation", "bar"),
        ("Teilen: Facebook | X | E-Mail", "navigation", "bar"),
        # Arabic with and without vowel marks and hamza seats, Arabic-Indic digits
        ("إعلان", "ad", "phrase"),
        ("اقرأ أيضًا: افتتاح طريق جديد في الصعيد", "navigation", "form"),
        ("اقرا ايضا: افتتاح طريق جديد في الصعيد", "navigation", "form"),
        ("١٢ تعليقا", "comment", "form"),
        ("شارك: فيسبوك | تويتر | نسخ الرابط", "navigation", "bar"),
        ("الرئيسية / رياضة / كرة القدم", "navigation", "form"),
        ("פרסומת", "ad", "phrase"),
        ("7 תגובות", "comment", "form"),
        ("עוד בנושא", "navigation", "phrase"),
        ("विज्ञापन", "ad", "phrase"),
        ("ये भी पढ़ें: बारिश से सड़कें बंद", "navigation", "form"),
        ("सबसे ज़्यादा पढ़ी गईं", "navigation", "phrase"),  # a nukta or none
        ("تبليغات", "ad", "phrase"),  # Persian's word written with Arabic's ي
        ("۲۳ دیدگاه", "comment", "form"),
        ("پربازدیدترین ها", "navigation", "phrase"),  # a space for the half-space
        ("โฆษณา", "ad", "phrase"),
        ("หน้าแรก > กีฬา > ฟุตบอล", "navigation", "form"),
        ("แชร์: Facebook | LINE", "navigation", "bar"),
        ("แชร์โพสต์นี้", "navigation", "phrase"),  # Thai runs "share this post" together
        ("แชร์ Facebook | LINE | คัดลอกลิงก์", "navigation", "bar"),
        ("ความคิดเห็น 3 รายการ", "comment", "form"),  # a count and its classifier
        ("ความคิดเห็นที่ 2", "comment", "form"),  # a comment's number in a thread
        ("เข้าชม 15,482 ครั้ง", "navigation", "form"),
        # any "share …" label before share sites alone (session 62)
        ("شارك الخبر: فيسبوك | إكس | واتساب", "navigation", "bar"),
        ("इस पोस्ट को शेयर करें: फेसबुक | ट्विटर | व्हाट्सऐप", "navigation", "bar"),
        ("Κοινοποίηση: Facebook | X | Viber | Email", "navigation", "bar"),
        ("Partagez cet article : Facebook | X", "navigation", "bar"),
        ("اشتراک‌گذاری: تلگرام | واتساپ | ایکس | کپی لینک", "navigation", "bar"),  # and a phrase
        ("تعداد بازدید: ۳۸۲۱", "navigation", "form"),  # a view count in Persian digits
        ("کد خبر: ۲۱۸۴۷۶۳", "navigation", "form"),  # a news site's story number
        ("12 תגובות לכתבה", "comment", "form"),
        ("श्रेणी: निवेश", "tags", "form"),
        ("Vous êtes ici : Accueil / Enfance & jeunesse / Cantine", "navigation", "form"),
        ("Seite 1 von 2  [ 14 Beiträge ]", "navigation", "pages"),  # a forum's page count
        ("Pagine: [1] 2", "navigation", "pages"),
        ("Salva ricetta", "navigation", "phrase"),
        # Japanese and Korean (session 63): copyright lines, counts, prev/next with a title,
        # tags without a colon, share buttons in Hangul, a disclosure with its stop
        ("<저작권자 © 한빛일보, 무단 전재 및 재배포 금지>", "boilerplate", "notice"),
        ("Copyright ⓒ 스포츠투데이K. 무단전재 및 재배포 금지.", "boilerplate", "notice"),
        ("© 東都新聞 記事の無断転載を禁じます", "boilerplate", "notice"),
        ("조회 3,411 | 추천 87 | 댓글 24", "navigation", "count"),
        ("추천 87 비추천 0", "navigation", "count"),
        ("후속기사 원해요 18", "navigation", "count"),
        ("ナイス！ 23", "navigation", "count"),
        ("回答数：3", "navigation", "count"),
        ("ページ番号1008732", "navigation", "form"),
        (
            "이전글 완속 충전기 공동주택 설치 동의서, 관리사무소에서 거절당했습니다",
            "navigation",
            "form",
        ),
        ("次の記事 栗ごはんと渋皮煮、どっちも作った週末", "navigation", "form"),
        ("태그 무선이어폰, 노이즈캔슬링, 이어폰추천", "tags", "form"),
        ("페이스북(으)로 기사보내기", "navigation", "phrase"),
        ("카카오톡", "navigation", "phrase"),
        ("この記事をシェアする", "navigation", "phrase"),
        ("※本記事にはアフィリエイト広告が含まれています。", "ad", "phrase"),
        ("このページの情報は役に立ちましたか？", "navigation", "phrase"),
        ("회사소개 | 이용약관 | 개인정보처리방침 | 고객센터", "boilerplate", "bar"),
        ("로그인 | 회원가입 | 뉴스레터", "navigation", "bar"),
        # Vietnamese and Indonesian (session 63): view counts, reading times, page counts,
        # tags labels, a blog theme's comment header, a reply bar
        ("Dibaca 1.204 kali", "navigation", "count"),
        ("Trả lời: 4 · Lượt xem: 1.842", "navigation", "count"),
        ("3 menit baca", "navigation", "form"),
        ("Halaman 1 dari 2", "navigation", "pages"),
        ("Label: Jogja, cerita, pindahan", "tags", "form"),
        ("Chuyên mục: Đời sống, Vườn rau", "tags", "form"),
        ("3 bình luận về “Một năm bỏ phố về Đà Lạt”", "comment", "form"),
        ("Thích · Trả lời", "comment", "bar"),
        ("Quote   Balas", "comment", "bar"),
        ("Xem giá tại Shopee", "navigation", "phrase"),
        ("Ikuti Suara Celebes di Google News untuk berita terbaru.", "navigation", "phrase"),
        # Bengali and Tamil (session 63)
        ("বিজ্ঞাপন", "ad", "phrase"),
        ("০ মন্তব্য", "comment", "form"),  # Bengali digits
        ("আরও পড়ুন: দীর্ঘ বিরতির পর ছোট পর্দায় ফিরছেন সুরঞ্জনা", "navigation", "form"),
        ("প্রচ্ছদ / সরকারি সেবা", "navigation", "form"),
        ("৪১২ বার দেখা হয়েছে", "navigation", "count"),
        ("পড়তে সময় লাগবে ৭ মিনিট", "navigation", "form"),
        ("விளம்பரம்", "ad", "phrase"),
        ("4 கருத்துகள்:", "comment", "form"),
        ("முகப்பு » இந்தியா", "navigation", "form"),
        ("இதையும் படிக்க: பாம்பன் புதிய பாலத்தில் ரயில் சேவை நேரம் மாற்றம்", "navigation", "form"),
        ("பகிர்: Facebook | WhatsApp | Pinterest", "navigation", "bar"),
        ("பதில்கள்: 4 | பார்வைகள்: 1,842", "navigation", "count"),
        # a footer's bar, some of its links unknown to the tables (session 64)
        ("회사소개 | 광고안내 | 제휴문의 | 고충처리인 | 개인정보처리방침", "boilerplate", "bar"),
        ("Imprimer  Ajouter à mon carnet  Partager", "navigation", "bar"),
        ("© 2025 오늘뭐먹지 Corp.", "boilerplate", "notice"),
        ("Copyright 2024 Muster GmbH", "boilerplate", "notice"),
        ("전기차타는사람들 © 2025", "boilerplate", "notice"),
        ("#주말농장 #텃밭 #감자심기 #씨감자", "tags", "form"),
        # Spanish and French (session 64)
        ("Archivado En", "navigation", "phrase"),
        ("Me gusta Cargando...", "navigation", "phrase"),
        ("Sigue a Escena MX en Google Noticias", "navigation", "phrase"),
        ("Seguir · Compartir · Reportar", "navigation", "bar"),
        ("Article réservé aux abonnés", "navigation", "phrase"),
        ("J’aime chargement…", "navigation", "phrase"),
        (
            "Pour ne rien rater de l’actu tech, rejoignez notre chaîne WhatsApp.",
            "navigation",
            "phrase",
        ),
        ("3 réactions", "comment", "form"),
        # Turkish (session 64)
        ("Bu haber 1.284 kez okundu.", "navigation", "count"),
        ("Bu yazı 532 kez okundu", "navigation", "count"),
        ("Gündem Postası'nı Google Haberler'de takip edin", "navigation", "phrase"),
        ("Beğen Alıntı Cevapla", "comment", "bar"),
        ("3 Cevap", "comment", "form"),
        # Thai (session 64)
        ("ถูกใจ กำลังโหลด...", "navigation", "phrase"),
        ("ความคิดเห็นทั้งหมด 3", "comment", "form"),
        ("คำตอบ (2)", "navigation", "form"),
    ],
)
def test_whole_lines_of_furniture_by_their_kind(line, kind, how):
    found = furniture(line)
    assert found is not None and (found.kind, found.how) == (kind, how), found


def test_a_tags_line_hands_its_items_over_comma_parted():
    found = furniture("Themen: Deutschlandticket  Nahverkehr  Deutsche Bahn")
    assert found is not None and found.kind == "tags"
    assert found.items == "Deutschlandticket, Nahverkehr, Deutsche Bahn"
    found = furniture("ΕΤΙΚΕΤΕΣ: Θεσσαλονίκη, μετρό")  # items as written, the label folded
    assert found is not None and found.kind == "tags" and found.items == "Θεσσαλονίκη, μετρό"
    found = furniture("الوسوم: القاهرة، المترو")
    assert found is not None and found.kind == "tags" and found.items == "القاهرة، المترو"
    assert furniture('tags: [static sites, "github pages"]') is None  # a post's front matter
    found = furniture("태그 무선이어폰, 노이즈캔슬링")  # a label that ends at a blank
    assert found is not None and found.items == "무선이어폰, 노이즈캔슬링"


@pytest.mark.parametrize(
    "line",
    [
        "Teilen Sie den Artikel mit Ihren Freunden, wenn er Ihnen gefallen hat.",
        "Die Anzeige wurde am Montag bei der Polizei erstattet.",
        "Lesen Sie auch die Verordnung, bevor Sie den Antrag stellen.",  # a sentence
        "Kontakt | Über uns",  # site links, no furniture phrase among them
        "Réponse 2",  # a quiz's answer, not a comment count
        "12 Äpfel",
        "Continua dopo la pubblicità",  # not in the tables: only what they hold is furniture
        "Accueil / Finistère / Brest.",  # a sentence
        "Поделиться впечатлениями о поездке можно в комментариях к статье.",
        "أثار الإعلان الجديد عن الدعم جدلا واسعا بين المواطنين.",
        "הפרסומת החדשה של החברה עוררה ביקורת ברשתות החברתיות.",
        "Kontakt: Facebook | Instagram",  # a label and site links, no furniture phrase
        "Vendeur: Facebook | Twitter",
        "Teilen Sie uns mit: Facebook | Hausarzt",  # a share word, but not sites alone
        "کد خبر را وارد کنید",  # "enter the story's number": a sentence
        "Seite 3 der Zeitung",
        "Page 2 de son carnet, il écrit.",
        "تعداد بازدید از موزه در سال ۱۴۰۲ به ۳ میلیون رسید",
        "โฆษณาชิ้นนี้ได้รับความสนใจอย่างมากในสัปดาห์ที่ผ่านมา",
        "ความคิดเห็นของผู้เชี่ยวชาญ 3 ข้อ",  # "the experts' opinion in 3 points": a heading
        "เข้าชมฟรีทุกวันอาทิตย์ 2 ครั้ง",
        # Japanese and Korean sentences that open with a furniture word
        "다음 글에서는 설치 방법을 알아보겠습니다.",
        "다음 기사 내용을 보면 알 수 있다",
        "次の記事では設定方法を紹介します。",
        "Kategori: Kopi Bubuk",  # a product's category row, not a tags line
        "বিজ্ঞাপনের খরচ এ বছর বেড়েছে।",  # "ad spending rose this year": a sentence
        "கருத்துகள் பலவாறு இருந்தன.",
        "※\u3000",  # blanks once trimmed: no first word (an IndexError until session 63)
        "\u3000",
        "Dibaca oleh 1.204 siswa setiap hari",
        "Halaman 3 dari buku itu hilang.",
        "Ikuti langkah berikut untuk memasang aplikasi di ponsel Anda.",
        "前の記事で書いたように、薪は乾燥が大切です",
        "조회수가 크게 늘었다",
        "추천 이유는 다음과 같다",
        "저작권자와 협의해 무단 전재를 막기로 했다는 기사가 나왔다. 업계는 환영했다. 이번 조치는 "
        "지난해 말부터 논의됐다. 협회는 이를 계기로 신고 센터를 열고 상담을 시작할 계획이라고 밝혔다.",
        # bars with links the tables do not know: too few known, an address, a long piece
        "Sigue las instrucciones para instalar WhatsApp en tu teléfono.",
        "Bu haber çok okundu.",
        "ไม่ใช่",  # "no": a poll's button, never a phrase of the tables alone
        "Bu kitabı 3 kez okudum.",
        "#MeToo #TimesUp",  # two hashtags: a campaign's, quoted
        "#1 #2 #3 in the ranking",
        "© dpa",  # a photo's credit as often as a site's notice
        "© Reuters",
        "Foto: © dpa 2023",
        "회사소개 | 찾아오시는 길",  # two pieces, one of them unknown
        "회사소개 | 광고안내 | 찾아오시는 길 | 광고단가",  # more unknown than known
        "회사소개 | 서울특별시 중구 을지로 123 | 개인정보처리방침",
        "이용약관 | 개인정보처리방침 | 이 약관은 2025년 3월 1일부터 모든 회원에게 적용됩니다",
        "",
        "   ",
    ],
)
def test_sentences_and_other_lines_are_not_furniture(line):
    assert furniture(line) is None


def test_every_phrase_is_trimmed_and_case_folded_as_a_line_is():
    for phrase in PHRASE_KIND:
        assert phrase == fold(phrase), phrase
        found = furniture(phrase.upper())
        assert found is not None and found.kind == PHRASE_KIND[phrase], phrase


def test_every_forms_label_is_found_in_capitals_as_written():
    """The forms are matched against the line case-folded: a label written as spelled was
    missed wherever folding changes it (a Greek final sigma, ``Ετικέτες:``)."""
    from pagesieve import furniture_words as fw

    for label in fw._TAG_LABEL.split("|"):
        found = furniture(f"{label.upper()}: alpha, beta")
        assert found is not None and found.kind == "tags", label
    for label in fw._SEE_ALSO.split("|"):
        found = furniture(f"{label.upper()}: Another headline of the site")
        assert found is not None and found.kind == "navigation", label
    for heading in fw._COMMENTS.split("|"):
        found = furniture(f"{heading.upper()} (12)")
        assert found is not None and found.kind == "comment", heading


def test_a_word_is_mentioned_in_any_of_its_endings():
    assert mentioned("Реклама", "По закону рекламные материалы должны быть помечены.")
    assert mentioned("Contenido patrocinado", "…los contenidos de marca, pagados por anunciantes.")
    assert not mentioned("Impressum", "Das Wort stammt aus dem Buchdruck.")
    assert not mentioned("Anzeige", "Die Anlage ist seit Montag in Betrieb.")
    assert mentioned("広告", "市のホームページに掲載する広告について定めます。")


def test_related_headings_are_whole_lines():
    lines = [
        "İLGİLİ HABERLER",  # Turkish capitals fold as its small letters
        "Lesen Sie auch, was der Stadtrat beschlossen hat.",
        "Lesen Sie auch:",
        "À LIRE AUSSI",
        "Читайте также",
        "Meistgelesen",  # "most read", "other news", "may interest you" (session 62)
        "Outras notícias",
        "Może Cię zainteresować:",
        "Lo más leído",
        "Другие новости",
        "Gerelateerd nieuws",
        "Das Meistgelesene war die Wahl.",
    ]
    assert related_headings(lines) == [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_a_japanese_or_korean_related_heading_may_follow_a_sections_name():
    """``스포츠 많이 본 기사``: a heading of the table after a section's name (session 64); a
    sentence that ends with such words, and endings the table does not hold, are none."""
    lines = [
        "스포츠 많이 본 기사",
        "연예 핫이슈",
        "経済の関連記事",
        "오늘 가장 많이 본 기사는 무엇이었나.",  # a sentence
        "店主のおすすめ",  # an article's own subheading as often
        "売れ筋ランキング",
        "관련기사",
    ]
    assert related_headings(lines) == [0, 1, 2, 6]


@pytest.mark.parametrize(
    ("article", "line", "label"),
    [
        (DE_ARTICLE, "Anzeige", "ad"),
        (DE_ARTICLE, "« Vorige | Nächste »", "navigation"),
        (DE_ARTICLE, "Teilen  Twittern  Drucken", "navigation"),
        (DE_ARTICLE, "Lesen Sie auch: Warum die Bahn so oft zu spät kommt", "navigation"),
        (RU_ARTICLE, "Комментарии (3)", "comment"),
        (RU_ARTICLE, "Реклама", "ad"),
        (AR_ARTICLE, "إعلان", "ad"),
        (AR_ARTICLE, "شارك: فيسبوك | تويتر | واتساب", "navigation"),
        (AR_ARTICLE, "اقرأ أيضا: ارتفاع أسعار الوقود للمرة الثانية", "navigation"),
    ],
)
def test_furniture_between_paragraphs_of_another_language_is_flagged(
    detector, article, line, label
):
    """The model learnt its words from English pages; between article paragraphs of another
    language it keeps these lines, and the rule flags them: an ad's marker, a bar of links, a
    count, a "read also" line with its headline."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    text = "\n".join([*article[:3], line, *article[3:]])
    hit = flagged_by_a_rule_alone(detector, text, line)
    assert hit.label == label and hit.score == FURNITURE_LINE_SCORE, hit
    assert "furniture_line" in hit.reason


def test_a_link_word_alone_in_a_clean_article_is_left_to_the_model(detector, monkeypatch):
    """``Teilen`` between paragraphs the model reads as article is what a heading can be too
    (an article on sharing news with ``Teilen`` over a paragraph on the share button): a phrase
    alone other than an ad's marker is flagged only where the model has doubts already
    (``_PHRASE_MIN_P``). The model's own score for it moves with each retrain (0.3, then 0.49,
    then 0.89 for session 44's comment-context retrains), so the threshold is set over it here and
    the rule alone decides."""
    import pagesieve.line_rules
    from pagesieve.segment import segment_paragraph_lists

    paragraphs = [*DE_ARTICLE[:3], "Teilen", *DE_ARTICLE[3:]]
    p = float(detector.score_segments(segment_paragraph_lists([paragraphs])).p_noise[3])
    ruling = replace(detector, threshold=max(detector.threshold, p + 0.02))
    assert ruling.threshold < pagesieve.line_rules.FURNITURE_LINE_SCORE
    text = "\n".join(paragraphs)
    for least, flagged in ((p + 0.01, False), (p - 0.01, True)):
        monkeypatch.setattr(pagesieve.line_rules, "_PHRASE_MIN_P", least)
        assert any(text[f.start : f.end] == "Teilen" for f in ruling.scan(text)) == flagged


def test_a_heading_over_a_paragraph_about_it_stays(detector):
    """``Impressum`` heading a paragraph on imprint law is the article's own."""
    text = "\n".join(
        [
            "Was ein Reiseblog im Impressum angeben muss",
            "Wer eine Website geschäftsmäßig betreibt, muss Namen und Anschrift angeben. Das gilt "
            "nach einem neuen Urteil auch für kleine Blogs mit Werbung.",
            "Impressum",
            "Ins Impressum gehören Name, Anschrift und eine E-Mail-Adresse, unter der man schnell "
            "erreichbar ist. Eine Telefonnummer ist nicht vorgeschrieben.",
            "Fehlt es, drohen Abmahnungen durch Mitbewerber, warnen Verbraucherschützer.",
        ]
    )
    assert not any(text[f.start : f.end] == "Impressum" for f in detector.scan(text))


def _ads_marker_page(sentence: str) -> str:
    return "\n".join([*RU_ARTICLE[:2], sentence, "Реклама", *RU_ARTICLE[2:]])


#: a sentence that takes up the words of the ad's marker under it
_ON_ADS = "По закону рекламные материалы в газетах и на сайтах должны быть помечены особым образом."


def test_an_ads_marker_the_sentence_before_takes_up_is_left_by_the_rule(detector):
    """``Реклама`` under a sentence about advertising is a heading: the line rule that flags an
    ad's marker leaves it alone, where it flags the same line under another sentence. (At a
    threshold over the model's own score for the line, so that the rule is what decides.)"""
    import dataclasses

    ruling = dataclasses.replace(detector, threshold=0.9)

    def marker_flagged(sentence: str) -> bool:
        text = _ads_marker_page(sentence)
        return any(text[f.start : f.end] == "Реклама" for f in ruling.scan(text))

    assert not marker_flagged(_ON_ADS)
    assert marker_flagged("Депутаты также обсудили ремонт моста через реку в центре города.")


def test_an_ads_marker_the_sentence_before_takes_up_stays(detector):
    """The model keeps the heading itself, the line rule leaves it alone. Sessions 41 to 44's
    model did not: its score for the line, raised by 1.96 in log-odds on a page it cannot read,
    was 0.872 against a threshold of 0.870 (a strict expected failure then)."""
    text = _ads_marker_page(_ON_ADS)
    assert not any(text[f.start : f.end] == "Реклама" for f in detector.scan(text))


def test_the_headlines_under_a_related_heading_are_flagged(detector):
    """Every headline under ``Lesen Sie auch`` is flagged, the model's flags and the rule's
    together; without the line rules some stays (the model alone reads short German headlines
    as the article's), and no article line is flagged either way."""

    items = [
        "Neue Buslinie verbindet Altstadt und Hafen",
        "Bahnhofsvorplatz wird ab Juni umgebaut",
        "Was die Grundsteuerreform für Mieter bedeutet",
    ]
    text = "\n".join([*DE_ARTICLE, "Lesen Sie auch", *items])
    flagged = {text[f.start : f.end] for f in detector.scan(text)}
    assert set(items) <= flagged
    assert not flagged & set(DE_ARTICLE)
    model_alone = {text[f.start : f.end] for f in replace(detector, line_rules=False).scan(text)}
    assert not set(items) <= model_alone
    assert not model_alone & set(DE_ARTICLE)


def test_the_rules_on_a_blind_audit_of_six_alphabets(detector):
    """Session 61's audit (``data/other_alphabets/audit_a.jsonl``, four pages in each of Greek,
    Arabic, Hebrew, Hindi, Persian and Thai, spellings varied as sites vary them). Read on every
    line, as if the model had flagged none, the rules take 146 of its noise lines and one
    article line (24 and one before these languages' words and Greek's folding)."""
    from pathlib import Path

    import numpy as np
    from labeled_sets import read_written_set

    from pagesieve.line_rules import rule_lines

    path = Path(__file__).resolve().parent.parent / "data" / "other_alphabets" / "audit_a.jsonl"
    pages = read_written_set(path, 24)
    assert {p.lang for p in pages} == {"el", "ar", "he", "hi", "fa", "th"}
    scores = detector.score_batch(["\n".join(p.paragraphs) for p in pages])
    labels = np.array([label for p in pages for label in p.labels])
    rows, _ = rule_lines(scores, np.zeros(len(labels), dtype=bool), detector.threshold)
    assert labels[rows].sum() >= 130 and (labels[rows] == 0).sum() <= 1


JA_ARTICLE = [
    "線状降水帯の予測、市町村単位に細分化へ　気象庁が来年6月から運用",
    "2025年11月12日 17:42",
    "気象庁は12日、大雨をもたらす線状降水帯の発生予測について、これまでの府県単位から"
    "市町村単位に細分化して発表する方針を明らかにした。来年6月の運用開始を目指す。",
    "同庁によると、現在の予測は広い範囲を対象に半日前から呼びかけているが、実際には発生しない"
    "「空振り」が多く、自治体から「避難の判断に使いにくい」との声が上がっていた。",
    "新たな運用では、スーパーコンピューターの計算能力を増強し、約2キロ四方の格子で雨量を予測する。",
]


def test_a_japanese_phrase_is_looked_up_as_written_not_in_simplified_characters(detector):
    """The Chinese rules read a page's Han characters folded to Simplified ones; a Japanese
    phrase with kanji (``記事``) was then looked up as ``记事`` and never found (session 63)."""
    line = "この記事をシェア"
    text = "\n".join([*JA_ARTICLE, line, "X", "Facebook", "LINE"])
    start = text.index(line)
    hit = [f for f in detector.scan_batch([text], explain=True)[0] if f.start == start]
    assert hit and hit[0].end == start + len(line) and hit[0].label == "navigation"
    assert "furniture_line" in hit[0].reason, hit


def test_a_follow_prompt_is_a_phrase_weighed_by_the_model_and_its_neighbours():
    """A news site's prompt to follow it on Google News is read as a phrase alone is, not as a
    form: flagged only where the model has doubts, and never where a sentence beside it takes up
    its words."""
    found = furniture("Gabung saluran WhatsApp KabarBanyumas.id untuk update berita terkini.")
    assert found is not None and found.how == "phrase"


def _flagged_lines(detector, lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    flags = detector.scan(text)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return [
        line
        for line, start in zip(lines, starts)
        if any(f.start <= start and f.end >= start + len(line) for f in flags)
    ]


KO_ARTICLE = [
    "진주 시내버스 노선 5월부터 전면 개편",
    "진주시가 오는 5월부터 시내버스 노선을 간선과 지선 체계로 바꾼다. 노선 수는 38개에서 "
    "29개로 줄지만 배차 간격은 평균 15분으로 짧아진다.",
    "시는 읍과 면 지역에 수요응답형 버스 12대를 투입하고, 주요 정류장에 안내 도우미를 둔다.",
    "일부 주민들은 환승이 늘어난다며 노선 조정을 요구하고 있다.",
]


@pytest.mark.parametrize(
    "lines, flagged",
    [
        (["공유하기", "인쇄"], {"공유하기", "인쇄"}),
        (["페이스북(으)로 기사보내기", "카카오톡(으)로 기사보내기"], None),
        (["공유하기"], set()),
        # a guide's list of a gallery's buttons, each explained below (session 64's blind pages
        # written to trip the rules)
        (
            [
                "저장",
                "인쇄",
                "저장은 사진을 클라우드 앨범에 한 부 더 올리는 버튼이고, 인쇄는 가까운 프린터로 "
                "바로 뽑는 기능입니다.",
            ],
            set(),
        ),
    ],
)
def test_a_phrase_the_model_cannot_read_is_flagged_beside_another(
    detector, monkeypatch, lines, flagged
):
    """The model knows almost no Hangul word, and its score for ``공유하기`` stays under the
    least at which a phrase alone is flagged (``_PHRASE_MIN_P``), which is set over every score
    here. A share bar written one item a line is flagged where two items stand together; one
    phrase alone between paragraphs is left, as a heading would be."""
    import pagesieve.line_rules

    monkeypatch.setattr(pagesieve.line_rules, "_PHRASE_MIN_P", 1.01)
    text = "\n".join([*KO_ARTICLE[:2], *lines, *KO_ARTICLE[2:]])
    found = {text[f.start : f.end] for f in detector.scan(text)}
    assert found == (set(lines) if flagged is None else flagged)


#: a Korean news page's head: the site's name, its links one a line, then the article
KO_MENU = ["한빛일보", "로그인", "정치", "경제", "사회", "국제", "오피니언"]


@pytest.mark.parametrize(
    "head, flagged",
    [
        # a menu one item a line with a site's link among them: its items but the last
        (KO_MENU, set(KO_MENU[2:-1])),
        # no furniture word nor site's link among them: a list of the article's own
        (["정치", "경제", "사회", "국제", "오피니언"], set()),
        # items with digits (a recipe's quantities) end the run
        (["로그인", "감자 2개", "양파 1개", "대파 1대", "간장 3큰술"], set()),
    ],
)
def test_a_menu_one_item_a_line_above_the_article_is_flagged_but_its_last_item(
    detector, monkeypatch, head, flagged
):
    """Session 64: the model cannot read ``정치`` or ``경제``; a run of four short lines or more
    above a page's first long line, one of them a furniture word or a site's link, is a menu.
    Its last item is left, where a short title can stand. The model's own flags are set aside
    (its threshold over every score) so that the rule alone is read."""
    from pagesieve.line_rules import FURNITURE_LINE_SCORE

    ruling = replace(detector, threshold=FURNITURE_LINE_SCORE)
    text = "\n".join([*head, *KO_ARTICLE])
    flags = ruling.scan_batch([text], explain=True)[0]
    found = {text[f.start : f.end] for f in flags if "furniture_line" in (f.reason or "")}
    assert found & (set(head) - {"로그인"}) == flagged  # (the login link is furniture alone)


KO_COPYRIGHT_ARTICLE = [
    "블로그 사진 무단 사용한 쇼핑몰, 350만 원 배상 판결",
    "입력 2024.04.11 14:32",
    "개인 사진 블로그에 올린 사진을 한 쇼핑몰이 무단으로 상품 광고에 사용한 사건에서, 법원이 "
    "사진 작가의 손을 들어줬다.",
    "지식재산권 전문 윤태호 변호사는 \"'무단전재 및 재배포 금지' 같은 문구는 권리자가 누구인지 "
    '알리는 효과가 있을 뿐"이라고 말했다.',
    "ⓒ 무단전재 및 재배포 금지",
    '윤 변호사는 "언론사 기사 하단의 위 문구도 같은 취지"라며 "다른 사람의 글을 쓸 때는 반드시 '
    '출처를 밝혀야 한다"고 덧붙였다.',
    "재판부는 저작권은 창작과 동시에 발생하며 별도의 표시가 필요하지 않다고 밝혔다.",
]


def test_a_copyright_line_an_article_quotes_stays_and_the_sites_own_goes(detector):
    """Session 63's blind pages written to trip the rules: an article on copyright quotes the
    notice its sentences go on about; the site's own under the article is flagged."""
    footer = "<저작권자 © 새솔일보, 무단 전재 및 재배포 금지>"
    found = _flagged_lines(detector, [*KO_COPYRIGHT_ARTICLE, footer])
    assert "ⓒ 무단전재 및 재배포 금지" not in found
    assert footer in found


@pytest.mark.parametrize(
    "footer",
    [
        "© 2025 새솔일보 Corp.",
        "ⓒ 새솔일보. All rights reserved.",
        "새솔일보 © 2025",
    ],
)
def test_a_sites_copyright_line_in_any_words_goes_unless_the_prose_is_on_copyright(
    detector, footer
):
    """A copyright line by its sign and a year, a company or "all rights reserved", whatever
    language is around it (session 64); on a page whose sentences are on copyright it may be
    quoted, and stays there, as the blind pages written to trip the rules quote one after
    ``다음과 같은 문구가 적혀 있었다``."""
    article = [line for line in KO_ARTICLE]
    assert footer in _flagged_lines(detector, [*article, footer])
    quoted = [*KO_COPYRIGHT_ARTICLE[:3], footer, *KO_COPYRIGHT_ARTICLE[3:]]
    assert footer not in _flagged_lines(detector, quoted)


KO_RANKING = [
    "2023년 기술 블로그 인기 글 결산",
    "2023년 한 해 동안 기술 블로그에는 모두 48편의 글이 올라왔습니다. 연말을 맞아 어떤 글이 "
    "가장 많이 읽혔는지 정리해 보았습니다.",
    "집계 기준은 2023년 1월 1일부터 12월 31일까지의 조회수이며, 사내 접속은 제외했습니다.",
    "1위. 신입 개발자 온보딩 문서를 다시 쓴 이야기",
    "조회수 12,044 | 좋아요 387 | 댓글 41",
    "입사 첫 주에 읽어야 할 문서를 40쪽에서 9쪽으로 줄인 과정을 다룬 글입니다. 다른 회사 "
    "개발자분들의 공유가 특히 많았습니다.",
    "2위. 결제 장애 회고: 새벽 3시의 47분",
    "조회수 9,318 | 좋아요 254 | 댓글 33",
    "장애를 숨기지 않고 원인과 대응 과정을 그대로 공개한 점에 많은 분이 공감해 주셨습니다.",
]


def test_an_articles_own_table_of_counts_stays_where_its_prose_names_them(detector):
    found = _flagged_lines(detector, KO_RANKING)
    assert not {
        "조회수 12,044 | 좋아요 387 | 댓글 41",
        "조회수 9,318 | 좋아요 254 | 댓글 33",
    } & set(found)
    # a forum post's count bar, on a page whose prose never names the views
    post = [
        "겨울철 전기차 주행거리, 차종별로 정리해 봤습니다",
        "충전왕 2025.01.12 09:14",
        "조회 3,411 | 추천 87 | 댓글 24",
        "작년 겨울부터 기록한 주행거리 데이터를 표로 정리했습니다. 영하 10도 기준이며 히트펌프 "
        "유무에 따라 차이가 꽤 큽니다.",
        "야외 주차라면 출발 전에 예약 공조를 켜 두는 편이 배터리에 훨씬 유리합니다.",
    ]
    assert "조회 3,411 | 추천 87 | 댓글 24" in _flagged_lines(detector, post)


ID_PRODUCT = [
    "Ulasan Sepatu Lari Langkah Nusa Aero 2: Empuk untuk Jarak Jauh",
    "Sepatu lari buatan dalam negeri ini kami pakai selama enam minggu untuk latihan harian dan "
    "satu lomba setengah maraton di Bandung.",
    "Kategori: Sepatu Lari Jalan Raya",
    "Merek: Langkah Nusa",
    "Label: Produk Lokal, Edisi 2024",
    "Berat 265 gram (ukuran 42), drop 8 mm, harga resmi Rp899.000.",
    "Bantalannya terasa empuk sejak kilometer pertama dan tidak mengeras setelah 200 kilometer.",
]


def test_a_products_labeled_rows_are_no_tags_line_but_a_posts_tags_are(detector):
    assert "Label: Produk Lokal, Edisi 2024" not in _flagged_lines(detector, ID_PRODUCT)
    post = [
        *ID_PRODUCT[:2],
        ID_PRODUCT[-1],
        "Label: sepatu lari, ulasan, produk lokal",
        "Bagikan: Facebook | WhatsApp | X",
    ]
    assert "Label: sepatu lari, ulasan, produk lokal" in _flagged_lines(detector, post)


def test_another_languages_related_heading_alone_over_a_paragraph_stays(detector):
    article = [
        "Lima Warung Sate Terbaik di Kota Kami Versi Pembaca",
        "Kami mengunjungi dua puluh warung sate selama sebulan dan meminta pembaca memberi suara "
        "untuk warung favorit mereka.",
        "Terpopuler",
        "Kalau hanya menghitung suara pembaca, Sate Bu Sri justru juara dengan 734 suara. Tim kami "
        "memberi nilai lebih tinggi untuk bumbu kacang buatan sendiri di warung lain.",
        "Harga seporsi sepuluh tusuk berkisar Rp30.000 sampai Rp45.000 di semua warung itu.",
    ]
    assert "Terpopuler" not in _flagged_lines(detector, article)


def test_a_page_count_a_guide_introduces_stays(detector):
    guide = [
        "Cara Menambahkan Nomor Halaman Otomatis di Pengolah Kata",
        "Nomor halaman membantu pembaca dokumen panjang tahu di mana mereka berada dan berapa "
        "banyak yang tersisa.",
        "Di bagian bawah setiap halaman akan muncul teks seperti ini:",
        "Halaman 3 dari 12",
        "Angka pertama berubah otomatis mengikuti halaman, sedangkan angka kedua selalu "
        "menunjukkan jumlah seluruh halaman dokumen.",
    ]
    assert "Halaman 3 dari 12" not in _flagged_lines(detector, guide)


@pytest.mark.parametrize(
    ("folder", "least_recall", "most_article"),
    [
        # session 63's start: 0.323 at 0.4%; the raises that failed their test pages left out;
        # 0.519 at 0.4% at session 64's start (its menus and threads: 0.735, a recipe's title)
        ("ja_ko_pages", 0.72, 0.006),
        # 0.760 at 2.5% before their words (+66 noise lines, no article line)
        ("vi_id_pages", 0.84, 0.026),
        # 0.676 at 3.7% before their words (+85 noise lines, no article line)
        ("bn_ta_pages", 0.82, 0.038),
        # session 64's Spanish and French, Turkish and Thai read halves
        ("es_fr_pages", 0.83, 0.025),
        ("tr_th_pages", 0.76, 0.016),
    ],
)
def test_the_rules_on_the_pages_read_to_write_a_languages_words(
    detector, folder, least_recall, most_article
):
    """The ``shift.jsonl`` halves written blind in sessions 63 and 64 (32 pages each, two
    languages), read to write those languages' furniture words, forms and threads."""
    from pagesieve.evaluate import evaluate
    from pagesieve.written_pages import DATA

    pages = list(read_labeled(DATA / folder / "shift.jsonl"))
    summary = evaluate(pages, detector.scan_batch).overall.summary()
    assert summary["recall"] >= least_recall, summary
    assert summary["article_flagged"] <= most_article, summary
