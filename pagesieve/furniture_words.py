"""Page furniture in other languages than English and Chinese: the link words and fixed phrases
a site prints on a line of their own (``Teilen``, ``Lire la suite``, ``Publicidad``,
``Комментарии (12)``), and the headings of related-stories lists (``Lesen Sie auch``).

The model learnt its words from mostly English pages, so on a German or a Russian page it reads
such a line by its shape and its place alone, and keeps many (a German dev page: ``Version zum
Drucken``, ``Anzeige``, ``Kommentare lesen (1 Beitrag)`` kept). The phrases are looked up whole,
after the line is trimmed and case-folded, so that a word inside a sentence is never read as
furniture; the detector still leaves a line alone when the next one, a sentence, goes on about
it (a heading ``Impressum`` over a paragraph on imprint law). Written for this project, by
language: German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: (kind, phrases) by language; the kind is a named group of ``patterns.FURNITURE_LINE``
_PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "ad": "anzeige|werbung|gesponsert|sponsored|weiterlesen nach der anzeige"
        "|lesen sie nach der anzeige weiter|artikel wird nach der anzeige fortgesetzt",
        "comment": "kommentare|kommentar schreiben|kommentieren|antworten|kommentare lesen"
        "|kommentar verfassen|schreibe einen kommentar|hinterlasse einen kommentar"
        "|kommentar abgeben|zu den kommentaren|alle kommentare|kommentare anzeigen"
        "|beitrag melden|kommentar melden"
        "|kommentar veröffentlichen|kommentar abschicken|kommentar senden|zitieren|melden",
        "navigation": "teilen|artikel teilen|beitrag teilen|seite teilen|jetzt teilen"
        "|drucken|artikel drucken|seite drucken|druckversion|version zum drucken"
        "|per e-mail teilen|per e-mail versenden|per mail versenden|artikel versenden"
        "|artikel per e-mail versenden|link kopieren|link kopiert|artikel merken|merken"
        "|weiterlesen|mehr lesen|nach oben|zum seitenanfang|seitenanfang|anmelden|abmelden"
        "|einloggen|registrieren|abonnieren|jetzt abonnieren|mein konto|vorheriger artikel"
        "|nächster artikel|vorheriger beitrag|nächster beitrag|ältere beiträge|neuere beiträge"
        "|vorige|nächste|vorherige|folgen sie uns|folge uns|zum inhalt springen"
        "|direkt zum inhalt|zur navigation springen|twittern|artikel anhören|zurück nach oben"
        "|mehr zum thema|auch interessant|lesen sie auch|das könnte sie auch interessieren"
        "|neuerer post|älterer post|neuere posts|ältere posts|startseite abonnieren|post-kommentare (atom)",
        "boilerplate": "impressum|datenschutz|datenschutzerklärung|nutzungsbedingungen|agb"
        "|cookie-einstellungen|cookies verwalten|datenschutz-einstellungen"
        "|privatsphäre-einstellungen",
    },
    "fr": {
        "ad": "publicité|pub|sponsorisé|contenu sponsorisé|contenu partenaire"
        "|la suite après cette publicité|la suite après la publicité|article sponsorisé",
        "comment": "commentaires|commenter|répondre|laisser un commentaire"
        "|ajouter un commentaire|réagir|signaler un abus|signaler|voir les commentaires"
        "|écrire un commentaire|laisser une réponse"
        "|enregistrer un commentaire|publier un commentaire|réagir à cet article|poster un commentaire",
        "navigation": "partager|partager cet article|imprimer|imprimer cet article"
        "|version imprimable|envoyer par e-mail|envoyer par email|envoyer par mail"
        "|envoyer à un ami|copier le lien|lien copié|lire la suite|lire plus"
        "|retour en haut|haut de page|retour en haut de page|article suivant"
        "|article précédent|suivant|précédent|se connecter|connexion|s'inscrire|s’inscrire"
        "|s'abonner|s’abonner|je m'abonne|je m’abonne|abonnez-vous|mon compte|déconnexion"
        "|suivez-nous|aller au contenu|passer au contenu principal|aller au contenu principal"
        "|écouter cet article|à lire aussi|a lire aussi|lire aussi|sur le même sujet"
        "|articles similaires|vous aimerez aussi|articles liés|ces articles peuvent vous intéresser"
        "|article plus récent|article plus ancien|articles plus récents|articles plus anciens|s'abonner à : publier les commentaires (atom)",
        "boilerplate": "mentions légales|politique de confidentialité"
        "|conditions générales d'utilisation|conditions générales d’utilisation|cgu|cgv"
        "|gestion des cookies|paramètres des cookies|gérer les cookies|plan du site"
        "|données personnelles",
    },
    "es": {
        "ad": "publicidad|patrocinado|contenido patrocinado|contenido de marca",
        "comment": "comentarios|comentar|responder|deja un comentario|dejar un comentario"
        "|añadir comentario|agregar comentario|escribe un comentario|ver comentarios"
        "|deja una respuesta|denunciar abuso|comparte tu opinión"
        "|publicar un comentario|publicar comentario|enviar comentario",
        "navigation": "compartir|compartir en facebook|compartir en twitter"
        "|compartir en whatsapp|imprimir|enviar por correo|enviar por email|enviar por e-mail"
        "|copiar enlace|enlace copiado|guardar|leer más|seguir leyendo|sigue leyendo"
        "|volver arriba|ir arriba|artículo anterior|artículo siguiente|entrada anterior"
        "|entrada siguiente|noticia anterior|noticia siguiente|anterior|siguiente"
        "|iniciar sesión|registrarse|regístrate|suscríbete|suscribirse|mi cuenta|cerrar sesión"
        "|síguenos|ir al contenido|saltar al contenido|escuchar noticia|escuchar artículo"
        "|noticias relacionadas|artículos relacionados|te puede interesar"
        "|también te puede interesar|lee también|lea también|te recomendamos|más noticias"
        "|entrada más reciente|entrada antigua|entradas más recientes|entradas antiguas|página principal",
        "boilerplate": "aviso legal|política de privacidad|política de cookies"
        "|términos y condiciones|condiciones de uso|mapa del sitio|configuración de cookies"
        "|términos de uso",
    },
    "it": {
        "ad": "pubblicità|sponsorizzato|contenuto sponsorizzato|contenuto sponsorizzato da"
        "|annuncio pubblicitario",
        "comment": "commenti|commenta|rispondi|lascia un commento|scrivi un commento"
        "|aggiungi un commento|lascia una risposta|segnala"
        "|posta un commento|pubblica un commento|invia commento|lascia un commento",
        "navigation": "condividi|condividi su facebook|condividi su whatsapp|stampa"
        "|stampa articolo|versione stampabile|invia per email|invia per e-mail|copia link"
        "|link copiato|salva|leggi di più|leggi tutto|continua a leggere|torna su"
        "|torna all'inizio|torna all’inizio|articolo precedente|articolo successivo"
        "|precedente|successivo|accedi|registrati|iscriviti|abbonati|il mio account"
        "|seguici|vai al contenuto|salta al contenuto|articoli correlati|leggi anche"
        "|potrebbe interessarti anche|ti potrebbe interessare|potrebbe interessarti"
        "|post più recente|post più vecchio|post più recenti|post più vecchi|torna in cima|pagina iniziale",
        "boilerplate": "note legali|informativa privacy|informativa sulla privacy"
        "|privacy policy|cookie policy|termini e condizioni|mappa del sito|preferenze cookie"
        "|gestione cookie",
    },
    "pt": {
        "ad": "publicidade|patrocinado|conteúdo patrocinado|continua depois da publicidade"
        "|continua após a publicidade|continua após publicidade",
        "comment": "comentários|comentar|responder|deixe um comentário|deixe uma resposta"
        "|adicionar comentário|escreva um comentário|ver comentários|denunciar"
        "|postar um comentário|publicar comentário|enviar comentário",
        "navigation": "compartilhar|partilhar|compartilhe|imprimir|enviar por e-mail"
        "|enviar por email|copiar link|link copiado|salvar|leia mais|ler mais"
        "|continue lendo|continuar a ler|voltar ao topo|ir para o topo|artigo anterior"
        "|próximo artigo|post anterior|próximo post|próxima notícia|notícia anterior"
        "|anterior|próximo|próxima|seguinte|iniciar sessão|cadastre-se|registe-se|assine"
        "|assinar|minha conta|siga-nos|ir para o conteúdo|pular para o conteúdo"
        "|saltar para o conteúdo|notícias relacionadas|artigos relacionados|leia também"
        "|veja também|você também pode gostar|você pode gostar|relacionados"
        "|postagem mais recente|postagem mais antiga|postagens mais recentes|postagens mais antigas|mensagem mais recente|mensagem antiga|página inicial",
        "boilerplate": "política de privacidade|termos de uso|termos e condições"
        "|política de cookies|mapa do site|aviso legal|termos de serviço",
    },
    "nl": {
        "ad": "advertentie|gesponsord|gesponsorde inhoud|advertorial",
        "comment": "reacties|reageer|reageren|beantwoorden|laat een reactie achter"
        "|plaats een reactie|geef een reactie|reactie plaatsen|bekijk reacties"
        "|een reactie posten|reactie verzenden|plaats reactie",
        "navigation": "delen|deel dit artikel|deel dit|afdrukken|printen|mailen"
        "|link kopiëren|link gekopieerd|bewaren|opslaan|lees meer|lees verder|meer lezen"
        "|naar boven|terug naar boven|vorige|volgende|vorig artikel|volgend artikel"
        "|inloggen|uitloggen|registreren|abonneren|abonneer|mijn account|volg ons"
        "|ga naar inhoud|naar de inhoud|direct naar inhoud|gerelateerde artikelen|lees ook"
        "|meer over dit onderwerp|ook interessant|gerelateerd"
        "|nieuwere post|oudere post|nieuwere berichten|oudere berichten",
        "boilerplate": "privacyverklaring|privacybeleid|cookiebeleid|algemene voorwaarden"
        "|cookie-instellingen|cookie instellingen|colofon",
    },
    "pl": {
        "ad": "reklama|artykuł sponsorowany|materiał sponsorowany|materiał partnera"
        "|materiał promocyjny",
        "comment": "komentarze|skomentuj|odpowiedz|dodaj komentarz|zostaw komentarz"
        "|napisz komentarz|zobacz komentarze|zgłoś|zgłoś naruszenie"
        "|opublikuj komentarz|dodaj komentarz|wyślij komentarz",
        "navigation": "udostępnij|podziel się|drukuj|wydrukuj|wyślij e-mailem"
        "|wyślij mailem|kopiuj link|skopiuj link|zapisz|czytaj więcej|czytaj dalej"
        "|do góry|wróć na górę|poprzedni artykuł|następny artykuł|poprzedni wpis"
        "|następny wpis|poprzedni|następny|poprzednia|następna|zaloguj się|zaloguj|wyloguj"
        "|zarejestruj się|subskrybuj|zaprenumeruj|moje konto|obserwuj nas"
        "|przejdź do treści|powiązane artykuły|podobne artykuły|czytaj też|czytaj także"
        "|zobacz też|zobacz także|przeczytaj też|przeczytaj także|polecamy"
        "|nowszy post|starszy post|nowsze posty|starsze posty|strona główna",
        "boilerplate": "polityka prywatności|polityka cookies|regulamin|mapa strony"
        "|ustawienia cookies|ustawienia prywatności",
    },
    "ru": {
        "ad": "реклама|на правах рекламы|спонсорский материал|партнерский материал"
        "|партнёрский материал|промо",
        "comment": "комментарии|комментировать|ответить|оставить комментарий"
        "|добавить комментарий|оставьте комментарий|написать комментарий"
        "|все комментарии|пожаловаться"
        "|отправить комментарий|опубликовать комментарий",
        "navigation": "поделиться|поделитесь|распечатать|печать|версия для печати"
        "|отправить по почте|скопировать ссылку|ссылка скопирована|в избранное"
        "|добавить в избранное|читать далее|читать дальше|подробнее|наверх|вверх"
        "|предыдущая статья|следующая статья|предыдущая запись|следующая запись"
        "|предыдущая|следующая|назад|далее|войти|вход|выйти|регистрация|зарегистрироваться"
        "|подписаться|личный кабинет|мы в соцсетях|перейти к содержимому|читайте также"
        "|похожие статьи|похожие новости|материалы по теме|вам может быть интересно"
        "|по теме"
        "|следующее сообщение|предыдущее сообщение|более новые сообщения|предыдущие сообщения|главная страница",
        "boilerplate": "политика конфиденциальности|пользовательское соглашение|карта сайта"
        "|все права защищены|правила использования|обработка персональных данных",
    },
}

#: "share on <site>" as each language writes it (``Auf Facebook teilen``, ``Partager sur X``)
_SHARE_ON = (
    "auf {} teilen|bei {} teilen|via {} teilen|per {} teilen|partager sur {}|partager via {}"
    "|compartir en {}|enviar por {}|condividi su {}|condividi via {}|compartilhar no {}"
    "|partilhar no {}|compartilhe no {}|delen op {}|deel op {}|delen via {}|udostępnij na {}"
    "|поделиться в {}|отправить в {}"
)
_SITES = (
    "facebook|facebooku|twitter|twitterze|x|whatsapp|whatsappie|linkedin|linkedinie|pinterest"
    "|telegram|telegramie|reddit|xing|vk|вконтакте|одноклассниках|e-mail|email|mail"
)


#: the headings of a related-stories list among the phrases above: the lines under them are
#: headlines (``patterns.RELATED_HEADING`` holds the English and Chinese ones)
_RELATED: dict[str, str] = {
    "de": "lesen sie auch|auch interessant|mehr zum thema|das könnte sie auch interessieren"
    "|weitere artikel|ähnliche artikel|verwandte artikel|passend zum thema|mehr aus dem ressort",
    "fr": "à lire aussi|a lire aussi|lire aussi|sur le même sujet|articles similaires"
    "|vous aimerez aussi|articles liés|ces articles peuvent vous intéresser"
    "|à lire également|sur le même thème",
    "es": "noticias relacionadas|artículos relacionados|te puede interesar"
    "|también te puede interesar|lee también|lea también|te recomendamos",
    "it": "articoli correlati|leggi anche|potrebbe interessarti anche|ti potrebbe interessare"
    "|potrebbe interessarti|notizie correlate",
    "pt": "notícias relacionadas|artigos relacionados|leia também|veja também"
    "|você também pode gostar|você pode gostar|relacionados|matérias relacionadas",
    "nl": "gerelateerde artikelen|lees ook|meer over dit onderwerp|ook interessant|gerelateerd",
    "pl": "powiązane artykuły|podobne artykuły|czytaj też|czytaj także|zobacz też"
    "|zobacz także|przeczytaj też|przeczytaj także|polecamy",
    "ru": "читайте также|похожие статьи|похожие новости|материалы по теме"
    "|вам может быть интересно|по теме|другие новости по теме",
}


def _alternatives(phrases: str) -> list[str]:
    return phrases.split("|")


def _table(by_kind: dict[str, dict[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {
        share.format(site): "navigation"
        for share in _alternatives(_SHARE_ON)
        for site in _alternatives(_SITES)
    }
    for kinds in by_kind.values():
        for kind, phrases in kinds.items():
            for phrase in _alternatives(phrases):
                table.setdefault(phrase, kind)
    return table


#: a phrase, case-folded, to the kind of furniture it is
PHRASE_KIND: dict[str, str] = _table(_PHRASES)
RELATED_HEADINGS: frozenset[str] = frozenset(
    phrase for phrases in _RELATED.values() for phrase in _alternatives(phrases)
)
#: what a link's line carries around its words: arrows, guillemets, a colon, dots
_TRIM = " \t:：»«›‹→←>⇒⇐•·|…."
#: the separators of a bar of links (``Impressum | Datenschutz | AGB``, ``« Vorige | Nächste »``,
#: ``Teilen  Twittern  Drucken``: two spaces or a tab where the page had a gap)
_BAR_SEPARATORS = re.compile(r"[ \t]*[|·•/][ \t]*|\t[ \t]*| {2,}")
#: a site's other links, which make a bar with the phrases above but are no furniture alone
#: (``Kontakt``, ``Über uns``: an article's heading as often)
_BAR_ONLY = frozenset(
    _alternatives(
        "kontakt|über uns|startseite|home|accueil|contact|à propos|qui sommes-nous|inicio"
        "|contacto|quiénes somos|sobre nosotros|contatti|chi siamo|início|contato"
        "|sobre nós|quem somos|over ons|o nas|о нас|контакты|главная|facebook|twitter"
        "|whatsapp|linkedin|pinterest|telegram|вконтакте|vk|x|e-mail|email|rss|instagram"
        "|youtube|xing|threads|login|newsletter|home page|homepage|página inicial"
        "|strona główna|главная страница"
    )
)
_BAR_PIECES = 2, 12
_GAP = re.compile(r"[ \t]*\t[ \t]*| {2,}")

#: the comment words after a count (``12 Kommentare``, ``3 respuestas``)
_COMMENT_WORDS = (
    r"kommentare?|commentaires?|comentarios?|commenti|commento|comentários?|reacties|reactie"
    r"|komentarz(?:e|y|)|комментари(?:й|я|ев|и)|antworten|réponses?|respuestas?|risposte"
    r"|respostas?|ответ(?:а|ов)?|gedanken(?: zu)?"
)
#: the plural that heads a comment section, before its count (``Kommentare (12)``; not a quiz's
#: ``Réponse 2``)
_COMMENTS = (
    r"kommentare|commentaires|comentarios|commenti|comentários|reacties|komentarze|комментарии"
    r"|réagir"
)
#: what joins a comment count to the post's title in a blog theme's header (``5 Gedanken zu
#: „<title>“``, ``7 reacties op "<title>"``, ``14 respuestas a «<title>»``)
_ON = r"zu|auf|sur|à|a|en|em|para|su|op|over|do|na|к|на|о"
_OPEN_QUOTE = "\"'„“”«‹‚‘’»›"
_MINUTES = r"min(?:\.|utes?|uten|utos|uti|ut|uty)?|мин(?:\.|ут[аы]?)?"
_READ_LABEL = (
    r"lesezeit|lesedauer|lecture|temps de lecture|lectura|tiempo de lectura|lettura"
    r"|tempo di lettura|leitura|tempo de leitura|leestijd|czas czytania|время чтения"
)
_READ_AFTER = (
    r"lesezeit|lesedauer|de lecture|de lectura|di lettura|de leitura|leestijd|czytania"
    r"|чтения|на чтение"
)
_SEE_ALSO = (
    r"lesen sie auch|lesen sie mehr|auch interessant|mehr zum thema|lire aussi|à lire aussi"
    r"|a lire aussi|lire également|à lire également|lee también|lea también"
    r"|te puede interesar|leggi anche|leggi pure|leia também|leia mais"
    r"|veja também|lees ook|czytaj też|czytaj także|czytaj również|zobacz też|zobacz także"
    r"|przeczytaj też|przeczytaj także|читайте также"
)
#: the first link of a breadcrumb: the site's home page
_HOME = (
    r"startseite|home|homepage|home page|accueil|inicio|início|portada|página inicial"
    r"|página principal|pagina iniziale|strona główna|главная|главная страница|hem|úvod"
    r"|domů|anasayfa|ana sayfa|acasă|prima pagină"
)
#: a tags line's label in these languages (``Themen:``, ``Mots-clés :``, ``Теги:``), then the
#: list (``items``), read as a tags line is (``patterns.TAG_LINE``)
_TAG_LABEL = (
    r"themen|schlagwörter|schlagworte|stichwörter|stichworte|mehr zu|mots-clés|mots clés"
    r"|libellés|étiquettes|sujets|thèmes|temas|etiquetas|argomenti|etichette"
    r"|assuntos|tópicos|marcadores|trefwoorden|onderwerpen|tagi|tematy|słowa kluczowe"
    r"|теги|метки|темы|ключевые слова"
)
#: forms with a number, a title or a list: a comment count (``12 Kommentare``, ``Комментарии
#: (3)``) or a blog theme's comment header, a reading time (``Lesezeit: 4 Min.``, ``4 min de
#: lecture``), a "read also" line with its headline (``Lesen Sie auch: <headline>``, not a
#: sentence), a breadcrumb from the home page (``Accueil / Finistère / Brest``), a tags line
FURNITURE_FORMS = re.compile(
    r"^[ \t]*(?i:"
    rf"(?P<comment>\d[\d.,]*[ \t]+(?:{_COMMENT_WORDS})[ \t]*:?"
    rf"|\d[\d.,]*[ \t]+(?:{_COMMENT_WORDS})[ \t]+(?:{_ON})[ \t]+[{_OPEN_QUOTE}][^\n]{{1,200}}"
    rf"|(?:{_COMMENTS})[ \t]*:?[ \t]*[(\[]?[ \t]*\d[\d.,]*[ \t]*[)\]]?"
    rf"|(?:{_COMMENTS}) lesen[ \t]*\(\d+[^\n)]{{0,20}}\))"
    rf"|(?P<navigation>(?:{_READ_LABEL})[ \t]*:?[ \t]*(?:ca\.[ \t]*)?\d+[ \t]*(?:{_MINUTES})"
    rf"|\d+[ \t]*(?:{_MINUTES})[ \t]*(?:{_READ_AFTER})"
    rf"|(?:{_SEE_ALSO})[ \t]*[:：»|>–—-][ \t]*[^\n]{{3,200}}(?<![.;])"
    rf"|(?:{_HOME})(?:[ \t]*[/›»>→|][ \t]*[^\n/›»>→|]{{1,60}}){{1,6}}(?<![.!?:]))"
    rf"|(?:{_TAG_LABEL})[ \t]*[:：][ \t]*(?P<tags>[\w#][^\n]{{0,279}})"
    r")[ \t]*$",
    re.M,
)


def _words(*alternations: str) -> frozenset[str]:
    """The first word of each alternative (a line that opens with none of them matches none)."""
    return frozenset(
        word.split()[0]
        for words in alternations
        for word in _alternatives(words.replace("\\", ""))
        if word.split()
    )


_FORM_FIRST_WORDS = _words(_COMMENTS, _READ_LABEL, _SEE_ALSO, _HOME, _TAG_LABEL)
_BAR_FIRST_WORDS = _words(*PHRASE_KIND, *_BAR_ONLY)


@dataclass(frozen=True)
class Furniture:
    """What a line of furniture is: its kind (``ad``, ``comment``, ``navigation``,
    ``boilerplate``, ``tags``) and how it was told (``phrase``: one phrase alone, the one kind
    of line an article's heading can also be; ``bar``: links side by side; ``form``: a count, a
    reading time, a headline or a list after a label, a breadcrumb). ``items`` is a tags
    line's list."""

    kind: str
    how: str
    items: str = ""


def furniture(line: str) -> Furniture | None:
    """What the whole line is as furniture, or ``None``: one phrase of ``PHRASE_KIND``; a bar of
    two or more pieces, each a phrase or a site's link (``_BAR_ONLY``), one of them a phrase at
    least; or one of ``FURNITURE_FORMS``. Most lines are told apart by their first word alone."""
    key = line.strip(_TRIM).casefold()
    kind = PHRASE_KIND.get(key)
    if kind is not None:
        return Furniture(kind, "phrase")
    first = key.split(maxsplit=1)[0].rstrip(":：") if key else ""
    if not first:
        return None
    if first[0].isdigit() or first in _FORM_FIRST_WORDS:
        form = FURNITURE_FORMS.match(line)
        if form is not None:
            if form["tags"] is not None:
                # items a gap apart are items as commas part them (``Themen: Bahn  Nahverkehr``)
                return Furniture("tags", "form", _GAP.sub(", ", form["tags"]))
            return Furniture(form.lastgroup or "navigation", "form")
    if len(key) < 5 or first.rstrip("|·•/") not in _BAR_FIRST_WORDS:
        return None
    pieces = _BAR_SEPARATORS.split(key)
    if len(pieces) < 2:
        pieces = key.split()  # a bar of single words (``Facebook Twitter Drucken``)
    if not _BAR_PIECES[0] <= len(pieces) <= _BAR_PIECES[1]:
        return None
    found = None
    for piece in pieces:
        piece = piece.strip(_TRIM)
        kind = PHRASE_KIND.get(piece)
        if kind is None and piece not in _BAR_ONLY:
            return None
        found = found or kind
    return Furniture(found, "bar") if found is not None else None


def related_heading(line: str) -> bool:
    """Is the whole line the heading of a related-stories list (``Lesen Sie auch:``)?"""
    return line.strip(_TRIM).casefold() in RELATED_HEADINGS


_WORD = re.compile(r"[^\W\d_]{4,}")


def mentioned(line: str, text: str) -> bool:
    """Does ``text`` take up a word of ``line`` (four letters or more), in any of its endings:
    the word's first three quarters found in it (``Реклама`` in ``рекламные``)?"""
    folded = text.casefold()
    return any(
        word[: max(4, -(-3 * len(word) // 4))] in folded for word in _WORD.findall(line.casefold())
    )
