"""Page furniture in other languages than English and Chinese: the link words and fixed phrases
a site prints on a line of their own (``Teilen``, ``Lire la suite``, ``Publicidad``,
``Комментарии (12)``), and the headings of related-stories lists (``Lesen Sie auch``).

The model learnt its words from mostly English pages, so on a German or a Russian page it reads
such a line by its shape and its place alone, and keeps many (a German dev page: ``Version zum
Drucken``, ``Anzeige``, ``Kommentare lesen (1 Beitrag)`` kept). The phrases are looked up whole,
after the line is trimmed and case-folded, so that a word inside a sentence is never read as
furniture; the detector still leaves a line alone when a sentence beside it goes on about it
(a heading ``Impressum`` over a paragraph on imprint law). Written for this project, by
language: German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Swedish,
Danish, Norwegian, Finnish, Czech, Slovak, Hungarian, Romanian, Turkish, Greek, Ukrainian,
Indonesian, Vietnamese, Japanese, Korean, Arabic, Hebrew, Hindi, Bengali, Tamil, Persian, Thai
(``data/unread_pages``, ``data/other_alphabets``, ``data/ja_ko_pages``, ``data/vi_id_pages``,
``data/bn_ta_pages`` and ``bench/README.md`` for what they catch).
Lines and tables are folded alike (``fold``): case, Greek accents, Arabic vowel marks and
letter variants, Persian's half-space, Devanagari's nukta.
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
        "|rezept speichern|rezept drucken|antwort erstellen"
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
        "|enregistrer un commentaire|publier un commentaire|réagir à cet article|poster un commentaire"
        "|citer",
        "navigation": "partager|partager cet article|imprimer|imprimer cet article"
        "|enregistrer la recette|imprimer la recette|noter la recette"
        "|version imprimable|envoyer par e-mail|envoyer par email|envoyer par mail"
        "|envoyer à un ami|copier le lien|lien copié|lire la suite|lire plus"
        "|retour en haut|haut de page|retour en haut de page|article suivant"
        "|article précédent|suivant|précédent|se connecter|connexion|s'inscrire|s’inscrire"
        "|s'abonner|s’abonner|je m'abonne|je m’abonne|abonnez-vous|mon compte|déconnexion"
        "|suivez-nous|aller au contenu|passer au contenu principal|aller au contenu principal"
        "|écouter cet article|à lire aussi|a lire aussi|lire aussi|sur le même sujet"
        "|articles similaires|vous aimerez aussi|articles liés|ces articles peuvent vous intéresser"
        "|article plus récent|article plus ancien|articles plus récents|articles plus anciens|s'abonner à : publier les commentaires (atom)"
        # session 64's French pages (France, Belgium, Switzerland, Quebec)
        "|article réservé aux abonnés|réservé aux abonnés|écouter l'article|écouter l’article"
        "|partager l'article|partager l’article|partager cette page|partager par courriel"
        "|ajouter à mon carnet|ajouter au panier|retrait gratuit en magasin|j'aime chargement…"
        "|j’aime chargement…|j'aime chargement...|j’aime chargement...|contribuer"
        "|cet article vous a-t-il été utile ?|cet article vous a-t-il été utile",
        "boilerplate": "mentions légales|politique de confidentialité"
        "|conditions générales d'utilisation|conditions générales d’utilisation|cgu|cgv"
        "|gestion des cookies|paramètres des cookies|gérer les cookies|plan du site"
        "|données personnelles|paramétrer les cookies|vous avez repéré une erreur? signalez-la-nous."
        "|vous avez repéré une erreur ? signalez-la-nous.",
    },
    "es": {
        "ad": "publicidad|patrocinado|contenido patrocinado|contenido de marca|anuncio",
        "comment": "comentarios|comentar|responder|deja un comentario|dejar un comentario"
        "|añadir comentario|agregar comentario|escribe un comentario|ver comentarios"
        "|deja una respuesta|denunciar abuso|comparte tu opinión"
        "|publicar un comentario|publicar comentario|enviar comentario"
        "|responder citando|mejor respuesta|opiniones del producto",
        "navigation": "compartir|compartir en facebook|compartir en twitter"
        # session 64's Spanish pages (Spain and Latin America, voseo's forms too)
        "|archivado en|escuche esta noticia|escuchar esta noticia|escuchar nota|compartí esta nota"
        "|compartir esta nota|compartir esta noticia|comparte esto|compartí|suscribite"
        "|mirá también|mira también|seguí leyendo|me gusta cargando...|me gusta cargando…"
        "|ver esta publicación en instagram|agregar al carrito|añadir al carrito|ver medios de pago"
        "|calculá el costo de envío|calcula el costo de envío|descarga la app|descargá la app"
        "|reportar"
        "|guardar receta|imprimir receta|valorar receta"
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
        "|términos de uso|trabaja con nosotros",
    },
    "it": {
        "ad": "pubblicità|sponsorizzato|contenuto sponsorizzato|contenuto sponsorizzato da"
        "|annuncio pubblicitario",
        "comment": "commenti|commenta|rispondi|lascia un commento|scrivi un commento"
        "|aggiungi un commento|lascia una risposta|segnala"
        "|posta un commento|pubblica un commento|invia commento|lascia un commento",
        "navigation": "condividi|condividi su facebook|condividi su whatsapp|stampa"
        "|salva ricetta|stampa ricetta|vota la ricetta|citazione"
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
        "|guardar receita|salvar receita|imprimir receita|avaliar receita"
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
        "|recept opslaan|recept printen"
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
        "|zapisz przepis|drukuj przepis|oceń przepis|cytuj"
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
    "sv": {
        "ad": "annons|annonsörsinnehåll|sponsrat|sponsrat innehåll|reklam",
        "comment": "kommentarer|kommentera|svara|lämna en kommentar|skriv en kommentar"
        "|visa kommentarer|anmäl|publicera kommentar",
        "navigation": "dela|dela artikeln|skriv ut|skriv ut artikeln|mejla|e-posta|kopiera länk"
        "|länken kopierad|spara|läs mer|läs hela artikeln|till toppen|tillbaka till toppen"
        "|föregående|nästa|föregående artikel|nästa artikel|nyare inlägg|äldre inlägg|logga in"
        "|logga ut|registrera dig|prenumerera|bli prenumerant|mitt konto|följ oss"
        "|hoppa till innehåll|läs också|läs även|relaterade artiklar",
        "boilerplate": "integritetspolicy|cookiepolicy|cookieinställningar|användarvillkor"
        "|personuppgiftspolicy|alla rättigheter förbehållna",
    },
    "da": {
        "ad": "annonce|reklame|sponsoreret|sponsoreret indhold",
        "comment": "kommentarer|kommenter|skriv en kommentar|efterlad en kommentar"
        "|vis kommentarer|anmeld",
        "navigation": "del|del artiklen|udskriv|send som e-mail|kopier link|gem|læs mere"
        "|læs også|til toppen|forrige|næste|forrige artikel|næste artikel|nyere indlæg"
        "|ældre indlæg|log ind|log ud|opret bruger|abonnér|bliv abonnent|min konto|følg os"
        "|gå til indhold|relaterede artikler",
        "boilerplate": "privatlivspolitik|cookiepolitik|cookieindstillinger|handelsbetingelser"
        "|vilkår og betingelser|persondatapolitik",
    },
    "nb": {
        "ad": "annonse|sponset|sponset innhold|annonsørinnhold",
        "comment": "kommenter|skriv en kommentar|legg igjen en kommentar|vis kommentarer|rapporter",
        "navigation": "del artikkelen|skriv ut|send på e-post|kopier lenke|lagre|les mer"
        "|les også|neste|forrige artikkel|neste artikkel|nyere innlegg|eldre innlegg"
        "|logg inn|logg ut|registrer deg|abonner|bli abonnent|følg oss|gå til innhold"
        "|relaterte artikler",
        "boilerplate": "personvernerklæring|personvern|informasjonskapsler"
        "|cookie-innstillinger|brukervilkår",
    },
    "fi": {
        "ad": "mainos|kaupallinen yhteistyö|sponsoroitu|sponsoroitu sisältö",
        "comment": "kommentit|kommentoi|vastaa|jätä kommentti|kirjoita kommentti"
        "|näytä kommentit|ilmoita asiaton viesti",
        "navigation": "jaa|jaa artikkeli|tulosta|lähetä sähköpostilla|kopioi linkki|tallenna"
        "|lue lisää|lue myös|takaisin ylös|sivun alkuun|edellinen|seuraava"
        "|edellinen artikkeli|seuraava artikkeli|uudemmat tekstit|vanhemmat tekstit"
        "|kirjaudu sisään|kirjaudu ulos|rekisteröidy|tilaa|oma tili|seuraa meitä"
        "|siirry sisältöön|aiheeseen liittyvät",
        "boilerplate": "tietosuojaseloste|tietosuoja|evästeasetukset|evästekäytäntö"
        "|käyttöehdot|kaikki oikeudet pidätetään",
    },
    "cs": {
        "ad": "reklama|komerční sdělení|sponzorováno|sponzorovaný obsah|inzerce",
        "comment": "komentáře|komentovat|odpovědět|diskuse|přidat komentář|napsat komentář"
        "|zobrazit komentáře|nahlásit",
        "navigation": "sdílet|sdílet článek|tisk|tisknout|vytisknout|poslat e-mailem"
        "|kopírovat odkaz|uložit|číst dál|číst více|nahoru|zpět nahoru|předchozí|další"
        "|předchozí článek|další článek|novější příspěvky|starší příspěvky|přihlásit se"
        "|odhlásit|registrace|zaregistrovat se|předplatné|předplatit|můj účet|sledujte nás"
        "|přejít na obsah|související články|související|čtěte také|přečtěte si také",
        "boilerplate": "ochrana osobních údajů|zásady ochrany osobních údajů|nastavení cookies"
        "|podmínky užití|obchodní podmínky|všechna práva vyhrazena|mapa stránek",
    },
    "sk": {
        "ad": "komerčná správa|sponzorované|inzercia",
        "comment": "komentáre|komentovať|odpovedať|diskusia|pridať komentár|napísať komentár"
        "|nahlásiť",
        "navigation": "zdieľať|zdieľať článok|tlačiť|vytlačiť|poslať e-mailom|kopírovať odkaz"
        "|uložiť|čítať ďalej|čítať viac|hore|späť hore|predchádzajúci|ďalší"
        "|predchádzajúci článok|ďalší článok|prihlásiť sa|odhlásiť sa|registrácia"
        "|predplatné|môj účet|sledujte nás|súvisiace články|čítajte aj|prečítajte si aj",
        "boilerplate": "ochrana osobných údajov|nastavenia cookies|podmienky používania"
        "|všetky práva vyhradené|mapa stránky",
    },
    "hu": {
        "ad": "hirdetés|reklám|szponzorált|szponzorált tartalom|támogatott tartalom",
        "comment": "hozzászólások|kommentek|válasz|szólj hozzá|hozzászólok"
        "|írj hozzászólást|jelentés",
        "navigation": "megosztás|megosztom|nyomtatás|küldés e-mailben|link másolása|mentés"
        "|tovább|tovább olvasom|bővebben|vissza a tetejére|előző|következő|előző cikk"
        "|következő cikk|újabb bejegyzések|régebbi bejegyzések|bejelentkezés|kijelentkezés"
        "|regisztráció|előfizetés|fiókom|kövess minket|ugrás a tartalomra|kapcsolódó cikkek",
        "boilerplate": "adatvédelem|adatvédelmi tájékoztató|adatvédelmi nyilatkozat"
        "|süti beállítások|sütibeállítások|felhasználási feltételek|impresszum"
        "|minden jog fenntartva",
    },
    "ro": {
        "ad": "publicitate|reclamă|advertorial|conținut sponsorizat|sponsorizat",
        "comment": "comentarii|comentează|răspunde|lasă un comentariu|adaugă un comentariu"
        "|scrie un comentariu|vezi comentariile|raportează",
        "navigation": "distribuie|distribuie articolul|tipărește|printează|trimite pe e-mail"
        "|copiază linkul|salvează|citește mai mult|citește tot|citește și|înapoi sus"
        "|anterior|următor|articolul anterior|articolul următor|postări mai noi"
        "|postări mai vechi|autentificare|conectare|deconectare|înregistrare|abonează-te"
        "|contul meu|urmărește-ne|sari la conținut|articole similare|articole asemănătoare",
        "boilerplate": "politica de confidențialitate|politica de cookies|termeni și condiții"
        "|setări cookie|toate drepturile rezervate|harta site",
    },
    "tr": {
        "ad": "reklam|sponsorlu|sponsorlu içerik",
        "comment": "yorumlar|yorum yap|yanıtla|cevapla|yorum yaz|yorumunuzu yazın"
        "|bir yanıt yazın|yorumları göster|şikayet et|yorum gönder"
        # session 64's Turkish pages
        "|bu habere henüz yorum yapılmamış. ilk yorumu siz yapın!|yorum yapmak için giriş yapın."
        "|yorum yapmak için giriş yapın|cevap yazmak için giriş yapın"
        "|cevap yazmak için giriş yapmalısınız.|yorum yazmak için giriş yapın veya üye olun."
        "|ürün değerlendirmeleri|beğen|alıntı|alıntıla",
        "navigation": "paylaş|yazdır|e-posta ile gönder|bağlantıyı kopyala|linki kopyala"
        "|kaydet|devamını oku|daha fazla|başa dön|yukarı çık|önceki|sonraki|önceki haber"
        "|sonraki haber|önceki yazı|sonraki yazı|giriş yap|çıkış yap|üye ol|kayıt ol"
        "|abone ol|hesabım|bizi takip edin|içeriğe geç|ilgili haberler|benzer haberler"
        "|haberi paylaş|takip et|sosyal medyada paylaş|bu gönderiyi instagram'da görüntüle"
        "|tarifi kaydet|mağazaya git|sepete ekle|kargo bedava|fiyatları gör|pinterest'e kaydet"
        "|bu rehber işinize yaradı mı?|soru sor|üye girişi|tüm tabloyu gör|e-posta adresiniz",
        "boilerplate": "gizlilik politikası|çerez politikası|kişisel verilerin korunması|kvkk"
        "|kullanım koşulları|tüm hakları saklıdır|künye|çerez ayarları|kvkk aydınlatma metni",
    },
    "el": {
        "ad": "διαφήμιση|χορηγούμενο|χορηγούμενο περιεχόμενο",
        "comment": "σχόλια|σχολιάστε|απάντηση|αφήστε ένα σχόλιο|γράψτε ένα σχόλιο|προσθήκη σχολίου"
        "|πρέπει να συνδεθείτε για να σχολιάσετε",
        "navigation": "κοινοποίηση|μοιραστείτε|εκτύπωση|αποστολή με email|αντιγραφή συνδέσμου"
        "|αποθήκευση|διαβάστε περισσότερα|επιστροφή στην κορυφή|προηγούμενο|επόμενο"
        "|προηγούμενο άρθρο|επόμενο άρθρο|σύνδεση|αποσύνδεση|εγγραφή|ο λογαριασμός μου"
        "|ακολουθήστε μας|μετάβαση στο περιεχόμενο|σχετικά άρθρα|διαβάστε επίσης"
        "|μοιραστείτε το|κοινοποιήστε|κοινοποιήστε το|διαβάστε ακόμα|διαβάστε ακόμη|δείτε επίσης"
        "|δείτε ακόμα|είσοδος συνδρομητών|σχετικές ειδήσεις|περισσότερα νέα|τα πιο δημοφιλή"
        "|αναζήτηση",
        "boilerplate": "πολιτική απορρήτου|πολιτική cookies|όροι χρήσης|ρυθμίσεις cookies"
        "|με επιφύλαξη παντός δικαιώματος",
    },
    "uk": {
        "ad": "на правах реклами|спонсорський матеріал|партнерський матеріал",
        "comment": "коментарі|коментувати|відповісти|залишити коментар|додати коментар"
        "|написати коментар|усі коментарі|поскаржитися",
        "navigation": "поділитися|друк|друкувати|версія для друку|надіслати поштою"
        "|скопіювати посилання|зберегти|читати далі|детальніше|докладніше|вгору|нагору"
        "|попередня|наступна|попередня стаття|наступна стаття|попередній запис"
        "|наступний запис|увійти|вийти|реєстрація|зареєструватися|підписатися"
        "|особистий кабінет|ми в соцмережах|перейти до вмісту|читайте також|схожі новини"
        "|схожі статті",
        "boilerplate": "політика конфіденційності|умови використання|карта сайту"
        "|усі права захищені|всі права захищені",
    },
    "id": {
        "ad": "iklan|konten bersponsor|disponsori|advertorial|konten sponsor|sponsored"
        "|artikel ini mengandung tautan afiliasi|scroll untuk melanjutkan membaca"
        "|gulir untuk melanjutkan|lanjutkan membaca di bawah iklan",
        "comment": "komentar|tulis komentar|balas|tinggalkan komentar|kirim komentar"
        "|lihat komentar|laporkan|tinggalkan balasan|balasan|kutip|quote|suka|beri komentar"
        "|lihat semua komentar|muat lebih banyak komentar|tulis ulasan|ulasan pembeli"
        "|semua ulasan|lihat semua ulasan|anda harus masuk atau mendaftar untuk membalas di sini",
        "navigation": "bagikan|bagikan artikel|cetak|kirim lewat email|salin tautan|salin link"
        "|simpan|baca selengkapnya|selengkapnya|baca juga|kembali ke atas|sebelumnya"
        "|selanjutnya|berikutnya|artikel sebelumnya|artikel selanjutnya"
        "|postingan lebih baru|postingan lama|berlangganan|akun saya|ikuti kami"
        "|langsung ke konten|berita terkait|artikel terkait|share|bagikan ke|simpan resep"
        "|resep terkait|cetak resep|beli sekarang|beli langsung|+ keranjang|keranjang"
        "|masukkan keranjang|tambah ke keranjang|kunjungi toko|chat penjual|cek harga"
        "|lihat harga|kembali ke daftar siaran pers|unduh siaran pers|unduh siaran pers (pdf)"
        "|indeks berita|indeks|tonton juga|lihat juga|berita lainnya|artikel lainnya"
        "|terpopuler|berita terpopuler|terpopuler hari ini|paling banyak dibaca|terkini"
        "|berita terkini|oke, mengerti|mengerti|terima|setuju|tutup|masuk|daftar|cari"
        "|beranda|kategori|muat lebih banyak|lihat selengkapnya|halaman berikutnya",
        "boilerplate": "kebijakan privasi|syarat dan ketentuan|pedoman media siber"
        "|hak cipta dilindungi undang-undang|tentang kami|redaksi|kontak kami|hubungi kami"
        "|karier|info iklan|disclaimer|kode etik|ketentuan layanan|syarat & ketentuan",
    },
    "vi": {
        "ad": "quảng cáo|nội dung được tài trợ|tài trợ|bài viết có chứa liên kết tiếp thị",
        "comment": "bình luận|ý kiến|trả lời|viết bình luận|gửi bình luận|xem bình luận"
        "|ý kiến bạn đọc|gửi ý kiến|xem thêm ý kiến|xem thêm bình luận|viết bình luận của bạn"
        "|thích|trích dẫn|báo cáo|viết đánh giá|đánh giá sản phẩm|xem tất cả đánh giá"
        "|bạn phải đăng nhập hoặc đăng ký để trả lời bài viết ở đây",
        "navigation": "chia sẻ|in bài|in bài viết|gửi email|sao chép liên kết|lưu bài"
        "|xem thêm|đọc tiếp|lên đầu trang|về đầu trang|bài trước|bài tiếp theo|đăng nhập"
        "|đăng xuất|đăng ký|theo dõi chúng tôi|tin liên quan|bài viết liên quan"
        "|tin cùng chuyên mục|chia sẻ facebook|chia sẻ zalo|zalo|nghe đọc bài|nghe bài viết"
        "|in công thức|lưu món|lưu công thức|thêm vào giỏ|thêm vào giỏ hàng|mua ngay"
        "|xem giá tại shopee|xem giá tại lazada|xem giá tại tiki|xem giá|mục lục|mục lục [ẩn]"
        "|thích điều này|thích đang tải|đang tải|tin khác|các tin khác|xem nhiều|đọc nhiều"
        "|tin đọc nhiều|bài viết cùng chủ đề|các thông báo khác|tin mới|tin mới nhất"
        "|bài viết mới|bài viết mới nhất|chấp nhận|đồng ý|đóng|tìm kiếm|trang chủ|chuyên mục"
        "|đăng ký nhận tin|đăng ký nhận bản tin|quay lại|trở về đầu trang",
        "boilerplate": "chính sách bảo mật|điều khoản sử dụng|bản quyền thuộc về"
        "|bảo lưu mọi quyền|liên hệ quảng cáo|giới thiệu|liên hệ|điều khoản|chính sách riêng tư",
    },
    "ja": {
        "ad": "広告|pr|スポンサーリンク|スポンサー|広告掲載|[pr]|【pr】|広告の下に記事が続きます"
        "|記事の続きは広告の後で|本記事にはアフィリエイト広告が含まれています"
        "|※本記事にはアフィリエイト広告が含まれています|当サイトはアフィリエイト広告を利用しています"
        "|アフィリエイト広告を利用しています|この記事にはプロモーションを含みます|プロモーションを含みます",
        "comment": "コメント|コメントする|コメントを書く|コメントを投稿|コメントを投稿する|返信"
        "|返信する|通報する|違反報告|コメント一覧|コメントを残す|コメントをどうぞ|コメント欄"
        "|コメントをもっと見る|すべてのコメントを見る|コメントを見る|みんなのコメント"
        "|ログインしてコメントしよう|ログインしてコメントする|コメントを書き込む|通報|返信を書く"
        "|質問者からのお礼コメント|お礼コメント|回答する|回答を書く|この質問に回答する",
        "navigation": "シェア|シェアする|ツイート|ポスト|いいね|ブックマーク|はてなブックマーク"
        "|lineで送る|印刷|印刷する|メールで送る|リンクをコピー|続きを読む|もっと見る"
        "|記事を読む|詳しくはこちら|トップへ戻る|ページの先頭へ|ページトップへ|前の記事"
        "|次の記事|前へ|次へ|前のページ|次のページ|ログイン|ログアウト|新規登録|会員登録"
        "|無料会員登録|マイページ|フォローする|本文へ|関連記事|関連ニュース|おすすめ記事"
        "|あわせて読みたい|こちらもおすすめ|この記事を読んだ人はこんな記事も読んでいます"
        "|この記事をシェア|この記事をシェアする|この記事をシェアしよう|この記事が気に入ったらシェアしよう"
        "|この記事が気に入ったらいいねしよう|この記事が気に入ったらフォローしよう|シェアしよう"
        "|この記事をポスト|ポストする|はてブ|lineでシェア|lineで送る|facebookでシェア|xでポスト"
        "|保存する|お気に入り|お気に入りに追加|お気に入りに保存|お気に入りに登録|クリップ"
        "|写真を見る|写真一覧|記事一覧|記事一覧へ|一覧へ|一覧に戻る|一覧を見る|すべて見る"
        "|続きを見る|購読する|購読のお申し込み|購読申し込み|読者になる|フォロー|ブログを報告する"
        "|カートに入れる|買い物かごに入れる|買い物かごを見る|カートを見る|今すぐ購入|購入する"
        "|レビューを書く|レビューを見る|レビューをすべて見る|すべてのレビューを見る|質問する"
        "|このページの先頭へ|ページトップ|トップに戻る|先頭へ戻る|メニュー|閉じる|サイト内検索"
        "|人気記事|人気の記事|人気記事ランキング|アクセスランキング|ランキング|最新記事|新着記事"
        "|注目記事|関連キーワード|関連リンク|関連する記事|この記事の関連ニュース|おすすめの記事"
        "|amazonで見る|楽天市場で見る|yahoo!ショッピングで見る|amazonで詳細を見る|楽天で詳細を見る"
        "|詳細を見る|この記事を書いた人|著者プロフィール|プロフィール|カテゴリー|カテゴリ"
        "|月別アーカイブ|アーカイブ|最近の投稿|最近のコメント|役に立った|役に立たなかった"
        "|どちらともいえない|このページの情報は役に立ちましたか|このページは役に立ちましたか"
        "|この記事は役に立ちましたか|このページの情報は役に立ちましたか？|このページは役に立ちましたか？"
        "|この記事は役に立ちましたか？|文字サイズ|記事を保存|トピを立てる|このトピをシェア"
        "|トピ一覧|画像をすべてダウンロード|プレスリリース素材|このプレスリリースをシェア",
        "boilerplate": "プライバシーポリシー|利用規約|個人情報保護方針|個人情報の取り扱い"
        "|サイトマップ|運営会社|著作権について|免責事項|クッキーポリシー|サイトポリシー"
        "|運営者情報|会社案内|特定商取引法に基づく表記|ご利用ガイド|採用情報|リンクについて"
        "|ソーシャルメディアポリシー|ウェブアクセシビリティ方針|アクセシビリティ|広告掲載について"
        "|このサイトについて|当サイトについて|お問い合わせ・ご意見|記事・写真の無断転載を禁じます"
        "|無断転載を禁じます|無断転載禁止",
    },
    "ko": {
        "ad": "광고|ad|[ad]|스폰서|협찬|파워링크|이 포스팅은 쿠팡 파트너스 활동의 일환으로, 이에 따른"
        " 일정액의 수수료를 제공받습니다|이 포스팅은 쿠팡 파트너스 활동의 일환으로 이에 따른 일정액의"
        " 수수료를 제공받습니다|이 포스팅은 쿠팡 파트너스 활동의 일환으로, 이에 따른 일정액의 수수료를"
        " 제공받습니다.|이 글은 업체로부터 제품을 제공받아 작성되었습니다|소정의 원고료를 받아 작성되었습니다",
        "comment": "댓글|댓글쓰기|댓글 쓰기|답글|답글쓰기|신고|신고하기|댓글 더보기|댓글 작성"
        "|댓글 달기|댓글달기|댓글을 남겨주세요|댓글을 입력하세요|댓글을 입력해주세요"
        "|로그인 후 댓글을 남길 수 있습니다|로그인 후 댓글을 작성할 수 있습니다"
        "|로그인한 회원만 댓글 작성이 가능합니다|댓글삭제|댓글 삭제|답글 달기|답글달기|답글 쓰기"
        "|답변 신고|답변하기|전체 댓글|베스트 댓글|best 댓글|댓글 등록|등록|댓글 보기|댓글보기"
        "|삭제한 댓글은 다시 복구할 수 없습니다|개의 댓글|질문자 채택|비공개 답변|후기 더보기"
        "|리뷰 더보기|리뷰 쓰기|리뷰쓰기|요리 후기|답변 추천"
        "|best 댓글 답글과 추천수를 합산하여 자동으로 노출됩니다"
        "|삭제한 댓글은 다시 복구할 수 없습니다. 그래도 삭제하시겠습니까?"
        "|댓글 정렬|최신순|추천순|공감순|등록순",
        "navigation": "공유|공유하기|인쇄|인쇄하기|스크랩|좋아요|url 복사|링크 복사"
        "|카카오톡 공유|페이스북 공유|더보기|기사 더보기|전체보기|맨위로|이전글|다음글"
        "|이전 기사|다음 기사|목록|로그인|로그아웃|회원가입|구독|구독하기|마이페이지"
        "|본문 바로가기|관련기사|관련 기사|추천 기사|함께 보면 좋은 기사|이 기사를 공유합니다"
        "|기사 공유|기사공유|기사 공유하기|sns 기사보내기|기사보내기|다른기사 보기|다른 기사 보기"
        "|기사 목록|url복사|url 복사하기|링크복사|카카오톡|페이스북|트위터|네이버 밴드|밴드"
        "|카카오스토리|네이버 블로그|글자크기|글자 크기|글씨크기|저장|이웃추가|기자 구독"
        "|기자 구독하기|기자의 다른기사|기자의 다른 기사|알림받기|전체메뉴|전체 메뉴|메뉴|검색"
        "|주메뉴 바로가기|메뉴 바로가기|위로|맨 위로|목록으로|목록 보기|글쓰기|이전 글|다음 글"
        "|장바구니|구매하기|바로구매|찜하기|찜|톡톡문의|선물하기|전체 순위 보기|많이 본 뉴스"
        "|많이 본 기사|가장 많이 본 뉴스|가장 많이 본 기사|인기기사|인기 기사|인기뉴스|인기 뉴스"
        "|최신기사|최신 기사|최신뉴스|주요뉴스|주요 뉴스|핫이슈|관련글|관련 글|추천글|추천 글"
        "|함께 보면 좋은 글|이 기사와 함께 많이 본 뉴스|반응형|카테고리 이동|공감|공감하기"
        "|이 글에 공감한 블로거 열고 닫기|본문 기타 기능|검색 my메뉴 열기|질문하기"
        "|이 정보가 도움이 되었나요|이 페이지에서 제공하는 정보에 대해 만족하십니까"
        "|이 정보가 도움이 되었나요?|이 페이지에서 제공하는 정보에 대해 만족하십니까?"
        "|이 기사가 도움이 되었나요?|이 글이 도움이 되었나요?"
        "|미리보기|다운로드|미리보기 다운로드|카테고리|전체 카테고리|태그|구독자|블로그 홈"
        "|페이스북(으)로 기사보내기|트위터(으)로 기사보내기|카카오톡(으)로 기사보내기"
        "|카카오스토리(으)로 기사보내기|네이버밴드(으)로 기사보내기|url복사(으)로 기사보내기"
        "|이메일(으)로 기사보내기|링크드인(으)로 기사보내기|본문 글씨 키우기|본문 글씨 줄이기",
        "boilerplate": "개인정보처리방침|개인정보 처리방침|이용약관|청소년보호정책"
        "|이메일무단수집거부|저작권 정책|사이트맵|무단 전재 및 재배포 금지|무단전재 및 재배포 금지"
        "|고객센터|광고문의|광고 문의|제휴문의|제휴 문의|독자센터|편집규약|윤리강령|고충처리인"
        "|저작권보호정책|위치기반서비스 이용약관|판매자 정보|사업자정보|사업자 정보 확인"
        "|이메일 무단수집 거부|청소년 보호정책",
    },
    "ar": {
        "ad": "إعلان|اعلان|إعلانات|مساحة إعلانية|محتوى مدفوع|محتوى برعاية|محتوى ممول|برعاية"
        "|إعلان ممول",
        "comment": "تعليقات|التعليقات|تعليق|أضف تعليق|أضف تعليقا|اترك تعليقا|اترك ردا"
        "|إضافة تعليق|اكتب تعليقك|أرسل تعليقك|إرسال التعليق|عرض التعليقات|كل التعليقات|رد"
        "|الرد|إبلاغ|الإبلاغ عن تعليق",
        "navigation": "شارك|شارك المقال|شارك الخبر|مشاركة|مشاركة المقال|طباعة|اطبع"
        "|أرسل لصديق|إرسال لصديق|إرسال بالبريد|نسخ الرابط|حفظ|اقرأ المزيد|اقرأ أيضا"
        "|المزيد|للمزيد|عرض المزيد|عرض الكل|العودة للأعلى|العودة إلى الأعلى|إلى الأعلى"
        "|السابق|التالي|المقال السابق|المقال التالي|الخبر السابق|الخبر التالي"
        "|تسجيل الدخول|تسجيل الخروج|إنشاء حساب|اشترك|اشترك الآن|حسابي|تابعنا|تابعونا"
        "|انتقل إلى المحتوى|أخبار ذات صلة|مقالات ذات صلة|مواضيع ذات صلة|الأكثر قراءة"
        "|الأكثر مشاهدة|الأكثر تعليقا|الأكثر تداولا|قد يهمك أيضا|بحث|شارك التدوينة"
        "|شارك المراجعة|شارك الموضوع|تابعونا على|تابعنا على|مراجعات ذات صلة|تدوينات ذات صلة"
        "|أخبار متعلقة|مقالات متعلقة|قد يعجبك أيضا|تدوينات قد تعجبك|مقالات قد تعجبك|أخبار أخرى",
        "boilerplate": "جميع الحقوق محفوظة|كل الحقوق محفوظة|سياسة الخصوصية|شروط الاستخدام"
        "|شروط الخدمة|خريطة الموقع|سياسة ملفات تعريف الارتباط",
    },
    "he": {
        "ad": "פרסומת|מודעה|תוכן שיווקי|תוכן ממומן|ממומן|בשיתוף",
        "comment": "תגובות|תגובה|להוספת תגובה|הוספת תגובה|הוסיפו תגובה|כתבו תגובה|הגב|השב"
        "|שלח תגובה|לכל התגובות|דווח|דווח על תגובה",
        "navigation": "שתפו|שתף|שיתוף|הדפסה|הדפס|שלחו לחבר|שלחו לחברה|שלח לחבר|העתק קישור"
        "|העתקת קישור|שמור|קרא עוד|קראו עוד|המשך לקרוא|לכתבה המלאה|חזרה למעלה|הקודם|הבא"
        "|הכתבה הקודמת|הכתבה הבאה|הפוסט הקודם|הפוסט הבא|התחברות|התנתקות|הרשמה|הירשמו"
        "|החשבון שלי|עקבו אחרינו|דלג לתוכן|עוד בנושא|כתבות נוספות|כתבות קשורות|הכי נקראים"
        "|הנקראים ביותר|אולי יעניין אותך|חיפוש|שתפו את הכתבה|שתפו את הפוסט|עוד כתבות"
        "|פוסטים נוספים|פוסטים אחרונים|אולי תאהבו גם|פוסטים קשורים|נושאים דומים|הכי נקראות"
        "|שמור למועדפים|הגב לנושא",
        "boilerplate": "כל הזכויות שמורות|מדיניות פרטיות|תנאי שימוש|הצהרת נגישות|מפת האתר",
    },
    "hi": {
        "ad": "विज्ञापन|प्रायोजित|स्पॉन्सर्ड",
        "comment": "टिप्पणियाँ|टिप्पणियां|टिप्पणी|टिप्पणी करें|टिप्पणी लिखें|अपनी टिप्पणी दें"
        "|जवाब दें|उत्तर दें|कमेंट|कमेंट्स|कमेंट करें|रिपोर्ट करें",
        "navigation": "शेयर करें|शेयर|साझा करें|प्रिंट|प्रिंट करें|ईमेल करें|लिंक कॉपी करें"
        "|और पढ़ें|आगे पढ़ें|पूरी खबर पढ़ें|ऊपर जाएं|पिछला|अगला|पिछली खबर|अगली खबर"
        "|पिछला लेख|अगला लेख|लॉगिन|लॉग इन|साइन इन|लॉगआउट|रजिस्टर|सब्सक्राइब"
        "|सब्सक्राइब करें|हमें फॉलो करें|फॉलो करें|संबंधित खबरें|संबंधित लेख|यह भी पढ़ें"
        "|इस खबर को शेयर करें|इस पोस्ट को शेयर करें|इस लेख को शेयर करें|ताज़ा खबरें|ताजा खबरें"
        "|और खबरें|अन्य खबरें|कॉपी लिंक|आपको ये भी पसंद आ सकते हैं|आपको यह भी पसंद आ सकता है"
        "|ये भी पढ़ें|सबसे ज्यादा पढ़ी गई|सबसे ज्यादा पढ़ी गईं|सबसे ज्यादा पढ़े गए"
        "|लोकप्रिय खबरें|ताजा खबरें|खोजें",
        "boilerplate": "सर्वाधिकार सुरक्षित|गोपनीयता नीति|प्राइवेसी पॉलिसी|उपयोग की शर्तें"
        "|नियम और शर्तें|साइटमैप",
    },
    "bn": {
        "ad": "বিজ্ঞাপন|স্পন্সরড|প্রায়োজিত|স্পনসরড",
        "comment": "মন্তব্য|মন্তব্য করুন|মন্তব্য লিখুন|আপনার মন্তব্য লিখুন|মন্তব্যসমূহ|উত্তর দিন"
        "|জবাব দিন|রিপ্লাই|রিপোর্ট|রিপোর্ট করুন|ফেসবুক মন্তব্য|মন্তব্য করতে লগইন করুন"
        "|সব মন্তব্য দেখুন|উপযোগী",
        "navigation": "শেয়ার|শেয়ার করুন|শেয়ার করুন|প্রিন্ট|প্রিন্ট করুন|ইমেইল করুন|লিংক কপি করুন"
        "|লিংক কপি|আরও পড়ুন|আরো পড়ুন|বিস্তারিত পড়ুন|আরও দেখুন|আরো দেখুন|সব খবর|পরবর্তী"
        "|পূর্ববর্তী|আগের খবর|পরের খবর|আগের পোস্ট|পরের পোস্ট|লগইন|লগ ইন|নিবন্ধন|রেজিস্টার"
        "|সাবস্ক্রাইব|সাবস্ক্রাইব করুন|ফলো করুন|আমাদের ফলো করুন|গুগল নিউজে ফলো করুন"
        "|সম্পর্কিত খবর|সংশ্লিষ্ট খবর|সম্পর্কিত সংবাদ|এ সম্পর্কিত আরও খবর|সর্বশেষ|সর্বশেষ খবর"
        "|সর্বাধিক পঠিত|সবচেয়ে বেশি পঠিত|জনপ্রিয়|জনপ্রিয় খবর|আলোচিত|শীর্ষ খবর"
        "|কার্টে যোগ করুন|এখনই কিনুন|কিনুন|অর্ডার করুন|খুঁজুন|অনুসন্ধান|অক্ষরের মাপ"
        "|প্রচ্ছদ|হোম|উপরে যান|পরবর্তী পাতা|পূর্ববর্তী পাতা",
        "boilerplate": "গোপনীয়তা নীতি|গোপনীয়তার নীতি|শর্তাবলি|ব্যবহারের শর্তাবলি|শর্তাবলী"
        "|আমাদের সম্পর্কে|যোগাযোগ|যোগাযোগ করুন|বিজ্ঞাপন দিন|সর্বস্বত্ব সংরক্ষিত"
        "|সম্পাদক ও প্রকাশক|সাইটম্যাপ",
    },
    "ta": {
        "ad": "விளம்பரம்|விளம்பரங்கள்|ஸ்பான்சர்ட்|ஸ்பான்சர்",
        "comment": "கருத்துகள்|கருத்துக்கள்|கருத்து|கருத்து தெரிவிக்க|கருத்தைப் பதிவு செய்க"
        "|உங்கள் கருத்தைப் பதிவு செய்யுங்கள்|உங்கள் கருத்தை பதிவு செய்யுங்கள்|பதிலளி|பதில்"
        "|பதில்கள்|மேற்கோள்|புகார் செய்|பதில் எழுத உள்நுழையவும்|கருத்துரையிடுக|கருத்துரைகள்"
        "|அனைத்து மதிப்புரைகளையும் காண்க|மதிப்புரை எழுது",
        "navigation": "பகிர்|பகிரவும்|பகிருங்கள்|இந்தச் செய்தியைப் பகிரவும்|இந்த செய்தியை பகிரவும்"
        "|அச்சிடுக|அச்சிட|இதை மின்னஞ்சல் செய்க|மின்னஞ்சல்|இணைப்பை நகலெடு|மேலும் படிக்க"
        "|மேலும் வாசிக்க|மேலும்|முழுமையாக படிக்க|அடுத்த செய்தி|முந்தைய செய்தி|அடுத்தது"
        "|முந்தையது|புதிய இடுகை|பழைய இடுகைகள்|பழைய இடுகை|முகப்பு|உள்நுழை|உள்நுழைக"
        "|பதிவு செய்|பதிவு செய்க|குழுசேர்|சப்ஸ்கிரைப்|எங்களைப் பின்தொடருங்கள்|பின்தொடர"
        "|தொடர்புடைய செய்திகள்|தொடர்புடைய கட்டுரைகள்|அதிகம் படிக்கப்பட்டவை|அதிகம் வாசிக்கப்பட்டவை"
        "|பிரபலமானவை|சமீபத்திய செய்திகள்|சமீபத்திய பதிவுகள்|கார்ட்டில் சேர்|இப்போதே வாங்கு"
        "|வாங்கு|தேடு|தேடல்|ரெசிபியை அச்சிட|ரெசிபிக்குச் செல்ல|x இல் பகிர்|facebook இல் பகிர்"
        "|whatsapp இல் பகிர்|மன்ற முகப்பு|மேலே செல்ல",
        "boilerplate": "தனியுரிமைக் கொள்கை|தனியுரிமை கொள்கை|விதிமுறைகள்|பயன்பாட்டு விதிமுறைகள்"
        "|எங்களைப் பற்றி|எங்களை பற்றி|தொடர்புக்கு|தொடர்பு கொள்ள|விளம்பரம் செய்ய"
        "|அனைத்து உரிமைகளும் பாதுகாக்கப்பட்டவை|பதிப்புரிமை|ஷிப்பிங் கொள்கை|ரிட்டர்ன் & ரீஃபண்ட்",
    },
    "fa": {
        "ad": "تبلیغات|آگهی|تبلیغ|رپورتاژ آگهی|محتوای حمایت‌شده",
        "comment": "نظرات|نظر شما|ارسال نظر|دیدگاه|دیدگاه‌ها|ثبت دیدگاه|ارسال دیدگاه|پاسخ"
        "|پاسخ دادن|گزارش تخلف",
        "navigation": "اشتراک‌گذاری|به اشتراک بگذارید|چاپ|ارسال به دوستان|کپی لینک|کپی پیوند"
        "|ذخیره|ادامه مطلب|بیشتر بخوانید|بیشتر|بازگشت به بالا|قبلی|بعدی|مطلب قبلی|مطلب بعدی"
        "|خبر قبلی|خبر بعدی|ورود|خروج|ثبت نام|عضویت|حساب کاربری|ما را دنبال کنید"
        "|رفتن به محتوا|اخبار مرتبط|مطالب مرتبط|مطالب پیشنهادی|پربازدیدترین‌ها|پربازدیدترین"
        "|پربحث‌ترین‌ها|آخرین اخبار|جستجو|این مطلب را به اشتراک بگذارید|اشتراک گذاری"
        "|مطالب مشابه|اخبار مشابه|مطالب اخیر|مطالب محبوب|یادداشت‌های مرتبط|پیوندهای مفید",
        "boilerplate": "کلیه حقوق محفوظ است|تمامی حقوق محفوظ است|حریم خصوصی|شرایط استفاده"
        "|قوانین و مقررات|نقشه سایت",
    },
    "th": {
        "ad": "โฆษณา|ได้รับการสนับสนุน|สปอนเซอร์|บทความได้รับการสนับสนุน",
        "comment": "ความคิดเห็น|แสดงความคิดเห็น|ความเห็น|เขียนความคิดเห็น|ส่งความคิดเห็น|ตอบกลับ|รายงาน"
        "|แจ้งลบ|รีวิวจากลูกค้า|ถูกใจ · ตอบกลับ|ถูกใจ",
        "navigation": "แชร์|แบ่งปัน|พิมพ์|ส่งอีเมล|คัดลอกลิงก์|บันทึก|อ่านต่อ|อ่านเพิ่มเติม"
        "|ดูเพิ่มเติม|ดูทั้งหมด|กลับด้านบน|ก่อนหน้า|ถัดไป|บทความก่อนหน้า|บทความถัดไป"
        "|เข้าสู่ระบบ|ออกจากระบบ|สมัครสมาชิก|ลงทะเบียน|ติดตามเรา|ข้ามไปยังเนื้อหา"
        "|ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|ข่าวยอดนิยม|บทความยอดนิยม|อ่านมากที่สุด"
        "|ข่าวล่าสุด|บทความแนะนำ|ค้นหา"
        # Thai runs a verb into its object with no space: "share this post", "save recipe"
        "|แชร์โพสต์นี้|แชร์โพสต์|แชร์ข่าวนี้|แชร์ข่าว|แชร์บทความนี้|แชร์บทความ|แชร์กระทู้"
        "|แชร์กระทู้นี้|แชร์สูตรนี้|แชร์หน้านี้|แชร์เลย|แบ่งปันบทความนี้|แบ่งปันโพสต์นี้|พิมพ์ข่าว"
        "|พิมพ์บทความ|พิมพ์หน้านี้|พิมพ์สูตร|บันทึกสูตร|บันทึกบทความ|บันทึกโพสต์|ส่งต่อ"
        "|ส่งต่อบทความ|บทความอื่นๆ|ข่าวอื่นๆ"
        # session 64's Thai pages
        "|แชร์สิ่งนี้|ถูกใจ กำลังโหลด...|ถูกใจ กำลังโหลด…|ค้นหาสูตรอาหาร...|หยิบใส่ตะกร้า"
        "|ใส่ตะกร้า|ซื้อเลย|ตั้งคำถาม|ตั้งกระทู้|ขนาดตัวอักษร ก ก ก|ส่งข่าวประชาสัมพันธ์"
        "|คำตอบนี้มีประโยชน์หรือไม่?|บทความนี้มีประโยชน์หรือไม่?",
        "boilerplate": "สงวนลิขสิทธิ์|นโยบายความเป็นส่วนตัว|ข้อกำหนดการใช้งาน|เงื่อนไขการใช้งาน|แผนผังเว็บไซต์",
    },
}

#: the sites of a share bar in the alphabets that spell them out (``فيسبوك``, ``פייסבוק``)
_NATIVE_SITES = (
    "فيسبوك|فيس بوك|تويتر|واتساب|تيليجرام|انستغرام|يوتيوب|פייסבוק|טוויטר|וואטסאפ|טלגרם"
    "|אינסטגרם|फेसबुक|ट्विटर|व्हाट्सऐप|व्हाट्सएप|इंस्टाग्राम|यूट्यूब|फ़ेसबुक|فیسبوک|توییتر"
    "|تلگرام|واتس‌اپ|واتساپ|اینستاگرام|لینکدین|ایکس|เฟซบุ๊ก|ทวิตเตอร์|ไลน์|line|ยูทูบ"
    "|البريد الإلكتروني|بريد إلكتروني|מייל|אימייל|ईमेल|ایمیل|อีเมล"
    "|카카오톡|페이스북|트위터|네이버 밴드|밴드|카카오스토리|네이버 블로그|url복사|이메일"
    "|はてなブックマーク|はてブ|メール"
)

#: "share on <site>" as each language writes it (``Auf Facebook teilen``, ``Partager sur X``)
_SHARE_ON = (
    "auf {} teilen|bei {} teilen|via {} teilen|per {} teilen|partager sur {}|partager via {}"
    "|compartir en {}|enviar por {}|condividi su {}|condividi via {}|compartilhar no {}"
    "|partilhar no {}|compartilhe no {}|delen op {}|deel op {}|delen via {}|udostępnij na {}"
    "|поделиться в {}|отправить в {}|dela på {}|del på {}|jaa {}|sdílet na {}|zdieľať na {}"
    "|megosztás {}|distribuie pe {}|{}'ta paylaş|{}'da paylaş|κοινοποίηση στο {}"
    "|поділитися в {}|bagikan ke {}|chia sẻ lên {}|شارك على {}|مشاركة على {}|שתפו ב{}|שתף ב{}"
    "|{} पर शेयर करें|در {} به اشتراک بگذارید|اشتراک‌گذاری در {}|แชร์ไปยัง {}|แชร์ผ่าน {}|แชร์ {}|แชร์ไป {}"
)
#: the sites a share bar links to, by name (``_SITES`` adds the forms "on <site>" takes in
#: Polish and Russian, ``_SHARE_SITES`` the sites a bar names alone)
_SITE_NAMES = (
    "facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit|xing|vk|вконтакте|e-mail"
    "|email|mail|" + _NATIVE_SITES
)
_SITES = _SITE_NAMES + "|facebooku|twitterze|whatsappie|linkedinie|telegramie|одноклассниках"


#: the headings of a related-stories list among the phrases above: the lines under them are
#: headlines (``patterns.RELATED_HEADING`` holds the English and Chinese ones)
_RELATED: dict[str, str] = {
    "de": "lesen sie auch|auch interessant|mehr zum thema|das könnte sie auch interessieren"
    "|weitere artikel|ähnliche artikel|verwandte artikel|passend zum thema|mehr aus dem ressort"
    "|weitere nachrichten|mehr nachrichten|meistgelesen|meistgelesene artikel|am meisten gelesen"
    "|das könnte sie interessieren|beliebte artikel",
    "fr": "à lire aussi|a lire aussi|lire aussi|sur le même sujet|articles similaires"
    "|à voir aussi|a voir aussi|dans la même rubrique|sujets associés"
    "|vous aimerez aussi|articles liés|ces articles peuvent vous intéresser"
    "|à lire également|sur le même thème|autres articles|autres actualités|les plus lus|les plus lues"
    "|articles les plus lus|vous pourriez aimer|ça peut vous intéresser",
    "es": "noticias relacionadas|artículos relacionados|te puede interesar|las más leídas"
    "|también te puede interesar|lee también|lea también|te recomendamos|otras noticias|más noticias"
    "|lo más leído|más leídas|más leídos|lo más visto|puede interesarte|quizás te interese",
    "it": "articoli correlati|leggi anche|potrebbe interessarti anche|ti potrebbe interessare"
    "|potrebbe interessarti|notizie correlate|altre notizie|altri articoli|i più letti|più letti"
    "|le più lette|più lette",
    "pt": "notícias relacionadas|artigos relacionados|leia também|veja também"
    "|você também pode gostar|você pode gostar|relacionados|matérias relacionadas|outras notícias"
    "|mais notícias|mais lidas|as mais lidas|mais lidos|os mais lidos|pode te interessar",
    "nl": "gerelateerde artikelen|lees ook|meer over dit onderwerp|ook interessant|gerelateerd"
    "|ander nieuws|meer nieuws|meest gelezen|gerelateerd nieuws|best gelezen",
    "pl": "powiązane artykuły|podobne artykuły|czytaj też|czytaj także|zobacz też"
    "|zobacz także|przeczytaj też|przeczytaj także|polecamy|inne wiadomości|więcej wiadomości"
    "|najczęściej czytane|może cię zainteresować|może cię także zainteresować|zobacz również",
    "ru": "читайте также|похожие статьи|похожие новости|материалы по теме"
    "|вам может быть интересно|по теме|другие новости по теме|другие новости|ещё новости"
    "|еще новости|самое читаемое|самые читаемые|вас может заинтересовать",
    "sv": "läs också|relaterade artiklar|mer om ämnet|du kanske också gillar|fler nyheter"
    "|andra nyheter|mest läst|mest lästa|mest lästa artiklar",
    "da": "læs også|relaterede artikler|mere om emnet",
    "nb": "les også|relaterte artikler|mer om temaet",
    "fi": "lue myös|aiheeseen liittyvät|aiheesta lisää",
    "cs": "související články|související|mohlo by vás zajímat|čtěte také|přečtěte si také"
    "|další zprávy|další články|nejčtenější|nejčtenější články|mohlo by vás také zajímat",
    "sk": "súvisiace články|mohlo by vás zaujímať|čítajte aj|prečítajte si aj",
    "hu": "kapcsolódó cikkek|ezek is érdekelhetik|ajánlott cikkek",
    "ro": "articole similare|articole asemănătoare|citește și|îți recomandăm"
    "|s-ar putea să te intereseze|alte știri|mai multe știri|cele mai citite|cele mai citite știri"
    "|te-ar putea interesa",
    "tr": "ilgili haberler|benzer haberler|bunlar da ilginizi çekebilir|ilgili yazılar"
    "|benzer tarifler|diğer incelemeler|benzer konular|diğer basın bültenleri|popüler yazılar"
    "|yazarın diğer yazıları|öne çıkanlar|benzer sorular|etiketler|çok okunanlar"
    "|en çok okunanlar",
    "el": "σχετικά άρθρα|διαβάστε επίσης|σχετικά θέματα|μπορεί να σας ενδιαφέρει"
    "|σχετικές ειδήσεις|περισσότερα νέα|διαβάστε ακόμα|διαβάστε ακόμη|δείτε επίσης",
    "uk": "читайте також|схожі новини|схожі статті|вам може бути цікаво|інші новини"
    "|більше новин|найчитаніше|вас може зацікавити",
    "id": "berita terkait|artikel terkait|baca juga|resep terkait|berita lainnya|artikel lainnya"
    "|terpopuler|berita terpopuler|paling banyak dibaca|tonton juga|lihat juga",
    "vi": "tin liên quan|bài viết liên quan|tin cùng chuyên mục|có thể bạn quan tâm|xem nhiều"
    "|đọc nhiều|tin đọc nhiều|tin khác|các tin khác|bài viết cùng chủ đề|các thông báo khác"
    "|tin mới nhất|bài viết mới nhất",
    "ja": "関連記事|関連ニュース|おすすめ記事|あわせて読みたい|こちらもおすすめ"
    "|この記事を読んだ人はこんな記事も読んでいます|人気記事|人気の記事|人気記事ランキング"
    "|アクセスランキング|最新記事|新着記事|注目記事|関連する記事|この記事の関連ニュース"
    "|おすすめの記事|関連リンク|この記事を見た人はこんな記事も見ています|合わせて読みたい"
    "|こちらの記事もおすすめ|次に読みたい|よく読まれている記事|最近の投稿",
    "ko": "관련기사|관련 기사|추천 기사|함께 보면 좋은 기사|관련 뉴스|많이 본 뉴스|많이 본 기사"
    "|가장 많이 본 뉴스|가장 많이 본 기사|인기기사|인기 기사|인기뉴스|인기 뉴스|최신기사"
    "|최신 기사|최신뉴스|주요뉴스|주요 뉴스|핫이슈|관련글|관련 글|추천글|추천 글|함께 보면 좋은 글"
    "|이 기사와 함께 많이 본 뉴스|이런 질문도 찾았어요|비슷한 질문|관련 질문|함께 구매하면 좋은 상품"
    "|이 레시피와 비슷한 레시피|다른 레시피|함께 보면 좋은 여행",
    "ar": "أخبار ذات صلة|مقالات ذات صلة|مواضيع ذات صلة|اقرأ أيضا|الأكثر قراءة|الأكثر مشاهدة"
    "|قد يهمك أيضا|مراجعات ذات صلة|تدوينات ذات صلة|أخبار متعلقة|مقالات متعلقة|قد يعجبك أيضا"
    "|تدوينات قد تعجبك|مقالات قد تعجبك|أخبار أخرى",
    "he": "עוד בנושא|כתבות נוספות|כתבות קשורות|הכי נקראים|הנקראים ביותר|אולי יעניין אותך"
    "|עוד כתבות|פוסטים נוספים|אולי תאהבו גם|פוסטים קשורים|נושאים דומים|הכי נקראות",
    "bn": "সম্পর্কিত খবর|সংশ্লিষ্ট খবর|সম্পর্কিত সংবাদ|এ সম্পর্কিত আরও খবর"
    "|সর্বাধিক পঠিত|সবচেয়ে বেশি পঠিত|জনপ্রিয় খবর|সর্বশেষ খবর|শীর্ষ খবর",
    "ta": "தொடர்புடைய செய்திகள்|தொடர்புடைய கட்டுரைகள்|அதிகம் படிக்கப்பட்டவை"
    "|அதிகம் வாசிக்கப்பட்டவை|பிரபலமானவை|சமீபத்திய செய்திகள்|சமீபத்திய பதிவுகள்",
    "hi": "संबंधित खबरें|संबंधित लेख|यह भी पढ़ें|ये भी पढ़ें|सबसे ज्यादा पढ़ी गई"
    "|सबसे ज्यादा पढ़ी गईं|सबसे ज्यादा पढ़े गए|लोकप्रिय खबरें|और खबरें|अन्य खबरें"
    "|आपको ये भी पसंद आ सकते हैं|आपको यह भी पसंद आ सकता है",
    "fa": "اخبار مرتبط|مطالب مرتبط|مطالب پیشنهادی|پربازدیدترین‌ها|پربازدیدترین|پربحث‌ترین‌ها"
    "|مطالب مشابه|اخبار مشابه|یادداشت‌های مرتبط",
    "th": "ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|ข่าวยอดนิยม|บทความยอดนิยม|อ่านมากที่สุด|บทความแนะนำ"
    "|บทความที่คุณอาจสนใจ|ข่าวที่คุณอาจสนใจ|เรื่องที่คุณอาจสนใจ|คุณอาจสนใจ|บทความอื่นๆ|ข่าวอื่นๆ"
    "|ข่าวที่น่าสนใจ|บทความที่น่าสนใจ|แท็กที่เกี่ยวข้อง|คำถามที่เกี่ยวข้อง|ข่าวประชาสัมพันธ์อื่น ๆ"
    "|ข่าวประชาสัมพันธ์อื่นๆ|กระทู้ที่เกี่ยวข้อง",
}


#: what a link's line carries around its words: arrows, guillemets, a colon, dots
_TRIM = " \t:：»«›‹→←>⇒⇐•·|….。※"


def _alternatives(phrases: str) -> list[str]:
    return phrases.split("|")


def _alternatives_folded(phrases: str) -> list[str]:
    return [fold(phrase) for phrase in _alternatives(phrases)]


def fold(text: str) -> str:
    """A line's words as the tables hold them: trimmed of a link's marks and case-folded
    (``_casefold``)."""
    return _casefold(text).strip(_TRIM)


def casefold_lines(lines: list[str]) -> list[str]:
    """``_casefold`` of each line, in one pass over them joined (no call per line)."""
    return _casefold("\n".join(lines)).split("\n") if lines else []


#: what is read as one besides case: Greek with and without its accents (capitals drop them:
#: ``ΔΙΑΦΗΜΙΣΗ``), Arabic with and without its vowel marks, its hamza seats and its stretching
#: (``أيضًا``, ``ايضا``), Persian ``ی`` / ``ک`` and Arabic ``ي`` / ``ى`` / ``ك``, Persian's half-space and a
#: space (``پربازدیدترین‌ها``), Devanagari with and without its nukta (``ज़्यादा``, ``ज्यादा``)
_SAME_LETTERS = str.maketrans(
    {
        **dict(zip("άέήίόύώϊϋΐΰ", "αεηιουωιυιυ")),
        **dict(zip("أإآٱىیک", "ااااييك")),
        **{chr(c): None for c in [*range(0x064B, 0x0660), 0x0670, 0x0640, 0x093C]},
        **dict(zip("\u0958\u0959\u095a\u095b\u095c\u095d\u095e\u095f", "कखगजडढफय")),
        "\u200c": " ",
    }
)


def _casefold(text: str) -> str:
    """``text`` case-folded, Turkish's four i read as one (``İ`` folds to ``i`` and a dot
    apart, ``I`` to ``i`` where Turkish writes ``ı``), and the letters of ``_SAME_LETTERS``."""
    return text.casefold().replace("\u0307", "").replace("ı", "i").translate(_SAME_LETTERS)


def _table(by_kind: dict[str, dict[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {
        fold(share.format(site)): "navigation"
        for share in _alternatives(_SHARE_ON)
        for site in _alternatives(_SITES)
    }
    for kinds in by_kind.values():
        for kind, phrases in kinds.items():
            for phrase in _alternatives_folded(phrases):
                table.setdefault(phrase, kind)
    return table


#: a phrase, case-folded, to the kind of furniture it is
PHRASE_KIND: dict[str, str] = _table(_PHRASES)
RELATED_HEADINGS: frozenset[str] = frozenset(
    phrase for phrases in _RELATED.values() for phrase in _alternatives_folded(phrases)
)
#: a gap between links or tags: two spaces or a tab where the page had one
_GAP = re.compile(r"[ \t]*\t[ \t]*| {2,}")
#: the separators of a bar of links (``Impressum | Datenschutz | AGB``, ``« Vorige | Nächste »``,
#: ``Teilen  Twittern  Drucken``)
_BAR_SEPARATORS = re.compile(rf"[ \t]*[|·•/][ \t]*|{_GAP.pattern}")
#: a site's other links, which make a bar with the phrases above but are no furniture alone
#: (``Kontakt``, ``Über uns``: an article's heading as often)
_BAR_ONLY = frozenset(
    _alternatives_folded(
        "kontakt|über uns|startseite|home|accueil|contact|à propos|qui sommes-nous|inicio"
        "|contacto|quiénes somos|sobre nosotros|contatti|chi siamo|início|contato"
        "|sobre nós|quem somos|over ons|o nas|о нас|контакты|главная|facebook|twitter"
        "|whatsapp|linkedin|pinterest|telegram|вконтакте|vk|x|e-mail|email|rss|instagram"
        "|youtube|xing|threads|login|newsletter|home page|homepage|página inicial"
        "|strona główna|главная страница|お問い合わせ|ホーム|会社概要|회사소개|기사제보|홈"
        "|뉴스레터|ニュースレター"
        "|αρχική|επικοινωνία|الرئيسية|الصفحة الرئيسية|اتصل بنا|من نحن|דף הבית|ראשי|צור קשר"
        "|אודות|होम|मुख्य पृष्ठ|संपर्क|संपर्क करें|हमसे संपर्क करें|हमारे बारे में|خانه"
        "|صفحه اصلی|تماس با ما|درباره ما|หน้าแรก|ติดต่อเรา|เกี่ยวกับเรา|" + _NATIVE_SITES
    )
)
_BAR_PIECES = 2, 12
#: a footer's bar names links the tables do not know beside ones they do (``회사소개 | 광고안내 |
#: 고충처리인 | 개인정보처리방침``): such a piece is short and holds no digit (an address or a
#: phone number is no link's name), and the bar has this many pieces at least, half of them known
_BAR_WITH_STRANGERS = 3
_BAR_STRANGER_CHARS = 20
_DIGIT = re.compile(r"\d")
#: "share" in the tables' languages, as a word of a bar's label (``Teilen Sie den Artikel:``,
#: ``شارك الخبر:``, ``इस पोस्ट को शेयर करें:``): before share sites alone, the label is the
#: bar's, whatever else it says (``Kontakt: Facebook | Instagram`` is none)
_SHARE_WORD = re.compile(
    _casefold(
        r"\b(?:share|teilen|partage[rz]?|compart[ei]|condividi|compartilh|partilh|deel|delen"
        r"|udostępnij|подели|поділи|dela|del|jaa|sdílej|sdílet|zdieľaj|zdieľať|megoszt|distribuie"
        r"|paylaş|bagikan|chia sẻ|κοινοποί|μοιραστ)"
        r"|شارك|مشاركة|שתפ|שתף|शेयर|साझा|اشتراک|แชร์|แบ่งปัน|শেয়ার|শেয়ার|பகிர்"
    )
)
_SHARE_LABEL_CHARS = 40
#: the sites a share bar links to, folded: their names and the ones a bar names alone
_SHARE_SITES = frozenset(
    _alternatives_folded(
        _SITE_NAMES + "|viber|threads|bluesky|messenger|إكس|اكس|لينكدإن|لينكد إن|google news"
    )
)

#: the comment words after a count (``12 Kommentare``, ``3 respuestas``)
_COMMENT_WORDS = (
    r"kommentare?|commentaires?|comentarios?|commenti|commento|comentários?|reacties|reactie"
    r"|komentarz(?:e|y|)|комментари(?:й|я|ев|и)|antworten|réponses?|réactions|respuestas?|risposte"
    r"|respostas?|ответ(?:а|ов)?|gedanken(?: zu)?|kommentarer|kommentaari?|kommenttia"
    r"|komentář(?:e|ů)?|komentár(?:e|ov)?|hozzászólás|komment|comentarii|comentariu|yorum"
    r"|σχόλια|σχόλιο|коментар(?:і|ів|я)?|komentar|bình luận|تعليقات|تعليقا|تعليق|ردود"
    r"|תגובות|תגובה|टिप्पणियाँ|टिप्पणियां|टिप्पणी|कमेंट्स|कमेंट|نظرات|نظر|دیدگاه‌ها|دیدگاه"
    r"|پاسخ|ความคิดเห็น|ความเห็น|মন্তব্য|টি মন্তব্য|কমেন্ট|கருத்துகள்|கருத்துக்கள்|கருத்துரைகள்"
    r"|cevap"
    r"|উত্তর|টি উত্তর"
)
#: the plural that heads a comment section, before its count (``Kommentare (12)``; not a quiz's
#: ``Réponse 2``)
_COMMENTS = (
    r"kommentare|commentaires|comentarios|commenti|comentários|reacties|komentarze|комментарии"
    r"|réagir|kommentarer|kommentit|komentáře|komentáre|hozzászólások|comentarii|yorumlar"
    r"|σχόλια|коментарі|komentar|bình luận|コメント|댓글|التعليقات|تعليقات|תגובות"
    r"|टिप्पणियाँ|टिप्पणियां|कमेंट्स|نظرات|دیدگاه‌ها|ความคิดเห็น|মন্তব্য|கருத்துகள்"
)
#: what joins a comment count to the post's title in a blog theme's header (``5 Gedanken zu
#: „<title>“``, ``7 reacties op "<title>"``, ``14 respuestas a «<title>»``)
_ON = r"zu|auf|sur|à|a|en|em|para|su|op|over|do|na|к|на|о|về|untuk|pada"
_OPEN_QUOTE = "\"'„“”«‹‚‘’»›"
_MINUTES = (
    r"min(?:\.|utes?|uten|utos|uti|ut|uty)?|мин(?:\.|ут[аы]?)?|menit|phút|মিনিট|நிமிடங்கள்|நிமிடம்"
)
_READ_LABEL = (
    r"lesezeit|lesedauer|lecture|temps de lecture|lectura|tiempo de lectura|lettura"
    r"|tempo di lettura|leitura|tempo de leitura|leestijd|czas czytania|время чтения"
    r"|lästid|læsetid|lesetid|lukuaika|doba čtení|čas čtení|okuma süresi|час читання"
    r"|পড়তে সময় লাগবে|পড়ার সময়|வாசிப்பு நேரம்|படிக்க ஆகும் நேரம்"
)
_READ_AFTER = (
    r"lesezeit|lesedauer|de lecture|de lectura|di lettura|de leitura|leestijd|czytania"
    r"|чтения|на чтение|baca|untuk dibaca|đọc"
)
_SEE_ALSO = (
    r"lesen sie auch|lesen sie mehr|auch interessant|mehr zum thema|lire aussi|à lire aussi"
    r"|a lire aussi|lire également|à lire également|lee también|lea también"
    r"|te puede interesar|leggi anche|leggi pure|leia também|leia mais"
    r"|veja também|lees ook|czytaj też|czytaj także|czytaj również|zobacz też|zobacz także"
    r"|przeczytaj też|przeczytaj także|читайте также|läs också|läs även|læs også|les også"
    r"|lue myös|čtěte také|čtěte též|přečtěte si také|čítajte aj|prečítajte si aj|citește și"
    r"|citiți și|ilgili haber|διαβάστε επίσης|διαβάστε ακόμα|διαβάστε ακόμη|δείτε επίσης|читайте також|baca juga|simak juga|xem thêm"
    r"|đọc thêm|tin liên quan|関連記事|あわせて読みたい|관련기사|관련 기사|اقرأ أيضا|اقرأ ايضا"
    r"|إقرأ أيضا|شاهد أيضا|קראו גם|קרא גם|קראו עוד|עוד בנושא|यह भी पढ़ें|ये भी पढ़ें|पढ़ें|بیشتر بخوانید"
    r"|بخوانید|อ่านเพิ่มเติม|อ่านข่าวที่เกี่ยวข้อง|আরও পড়ুন|আরো পড়ুন|আরও পড়ুন|ইতিমধ্যে পড়ুন"
    r"|இதையும் படிக்க|இதையும் படிங்க|இதையும் பாருங்க|இதையும் பாருங்கள்|மேலும் படிக்க"
)
#: the first link of a breadcrumb: the site's home page
_HOME = (
    r"startseite|home|homepage|home page|accueil|inicio|início|portada|página inicial"
    r"|página principal|pagina iniziale|strona główna|главная|главная страница|hem|úvod"
    r"|domů|anasayfa|ana sayfa|acasă|prima pagină|startsida|forside|forsiden|etusivu"
    r"|hlavní stránka|domov|hlavná stránka|főoldal|kezdőlap|címlap|pagina principală"
    r"|αρχική|αρχική σελίδα|головна|головна сторінка|beranda|trang chủ|ホーム|トップ|홈"
    r"|الرئيسية|الصفحة الرئيسية|דף הבית|ראשי|होम|मुख्य पृष्ठ|خانه|صفحه اصلی|หน้าแรก"
    r"|প্রচ্ছদ|হোম|মূলপাতা|முகப்பு"
)
#: a breadcrumb's label (``Vous êtes ici : Accueil / …``)
_HERE = _casefold(
    r"vous êtes ici|sie sind hier|sie befinden sich hier|usted está aquí|está aquí|estás aquí"
    r"|você está aqui|ti trovi in|ti trovi qui|sei qui|u bent hier|jesteś tutaj|вы здесь"
    r"|du är här|olet tässä|nacházíte se|ste tu|itt jár|vă aflați aici|buradasınız"
)
#: a forum's or a list's page count (``Seite 1 von 2``, ``Página 1 de 3``, ``Pagine: [1] 2``)
_PAGE = _casefold(
    r"seite|página|pagina|page|strona|страница|sida|side|sivu|stránka|oldal|pagină|sayfa"
    r"|halaman|trang"
)
_PAGE_OF = r"von|de|di|sur|z|из|av|af|van|dari|trên|/"
_PAGES = _casefold(
    r"seiten|pagine|páginas|pages|strony|страницы|pagina's|sidor|sider|sivut|stránky"
)
#: a tags line's label in these languages (``Themen:``, ``Mots-clés :``, ``Теги:``), then the
#: list (``items``), read as a tags line is (``patterns.TAG_LINE``)
_TAG_LABEL = (
    r"themen|schlagwörter|schlagworte|stichwörter|stichworte|mehr zu|mots-clés|mots clés"
    r"|libellés|étiquettes|sujets|thèmes|temas|etiquetas|argomenti|etichette"
    r"|assuntos|tópicos|marcadores|trefwoorden|onderwerpen|tagi|tematy|słowa kluczowe"
    r"|теги|метки|темы|ключевые слова|taggar|ämnen|emner|stikkord|aiheet|avainsanat"
    r"|tunnisteet|štítky|témata|klíčová slova|témy|kľúčové slová|címkék|témák|kulcsszavak"
    r"|etichete|subiecte|cuvinte cheie|etiketler|konular|anahtar kelimeler|ετικέτες"
    r"|λέξεις-κλειδιά|κατηγορίες|мітки|теми|ключові слова|topik|kata kunci|từ khóa|chủ đề"
    r"|label|tag|chuyên mục|thẻ|tags"
    r"|タグ|태그|키워드|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدلالية|الوسوم|وسوم|التسميات"
    r"|تسميات|תגיות|תגים|טאגים|टैग|टैग्स|टॉपिक्स|श्रेणी|श्रेणियाँ|श्रेणियां|कीवर्ड|برچسب‌ها|برچسب|کلمات کلیدی"
    r"|دسته‌بندی|دسته‌بندی‌ها|แท็ก|ป้ายกำกับ|หมวดหมู่|คำค้น|ট্যাগ|ট্যাগস|বিষয়|কিওয়ার্ড"
    r"|குறிச்சொற்கள்|லேபிள்கள்|குறிச்சொல்"
)
#: a Japanese or Korean count: views, likes, recommendations, answers (``조회수 1,204``,
#: ``ナイス！ 23``)
_CJK_COUNT = (
    r"(?:조회수|조회|추천|비추천|공감|좋아요|스크랩|답변|리뷰|후기|요리 후기|내공|閲覧数|閲覧"
    r"|いいね[!！]?|ストック|ナイス[!！]?|共感した|参考になった|面白い|エール|なるほど|回答数"
    r"|レス数|返信数|댓글|コメント|훈훈해요|슬퍼요|화나요|놀랐어요|후속기사 원해요|추천해요"
    r"|응원해요|팬이에요)[ \t]*[:：]?[ \t]*\d[\d,]*[ \t]*(?:개|건|회|件|人)?"
)
#: counts alone or a few in a row: Japanese and Korean ones (``조회 3,411 | 추천 87 | 댓글 24``,
#: ``いいね 128``, ``回答数：3``, ``답변 2개``), Indonesian and Vietnamese view counts (``Dibaca
#: 1.204 kali``, ``Dilihat: 2.341 kali``, ``Trả lời: 4 · Lượt xem: 1.842``)
_COUNTS = (
    rf"{_CJK_COUNT}(?:(?:[ \t]*[|·｜/][ \t]*|[ \t]+){_CJK_COUNT}){{0,4}}"
    r"|(?:(?:dibaca|dilihat)[ \t]*:?[ \t]*\d[\d.,]*[ \t]*(?:kali)?"
    r"|(?:lượt xem|lượt đọc|trả lời|bình luận|đang truy cập)[ \t]*:[ \t]*\d[\d.,]*)"
    r"(?:[ \t]*[|·•][ \t]*(?:lượt xem|lượt đọc|trả lời|bình luận)[ \t]*:[ \t]*\d[\d.,]*)*"
    # Turkish (``Bu haber 1.284 kez okundu.``; ``ı`` read as ``i``)
    r"|(?:bu (?:haber|yazi)[ \t]+)?\d[\d.]*[ \t]+kez[ \t]+okundu\.?"
    # Bengali and Tamil (``৪১২ বার দেখা হয়েছে``, ``பதில்கள்: 4 | பார்வைகள்: 1,842``)
    r"|\d[\d,]*[ \t]*বার[ \t]*(?:দেখা হয়েছে|পঠিত|পড়া হয়েছে)"
    r"|(?:பார்வைகள்|பதில்கள்|வாசித்தவர்கள்)[ \t]*:[ \t]*\d[\d,]*"
    r"(?:[ \t]*[|·•][ \t]*(?:பார்வைகள்|பதில்கள்)[ \t]*:[ \t]*\d[\d,]*)*"
)
#: a page count (``Seite 1 von 2  [ 14 Beiträge ]``, ``Pagine: [1] 2``), as a form and as
#: ``Furniture.how`` ``pages``
_PAGE_COUNT = (
    rf"(?:{_PAGE})[ \t]+\d+[ \t]+(?:{_PAGE_OF})[ \t]+\d+(?:[ \t]*\[[^\]\n]{{1,30}}\])?"
    rf"|(?:{_PAGES})[ \t]*:[ \t]*(?:\[?\d+\]?[ \t,]*){{2,12}}"
)
#: forms with a number, a title or a list: a comment count (``12 Kommentare``, ``Комментарии
#: (3)``) or a blog theme's comment header, a reading time (``Lesezeit: 4 Min.``, ``4 min de
#: lecture``), a "read also" line with its headline (``Lesen Sie auch: <headline>``, not a
#: sentence), a breadcrumb from the home page (``Accueil / Finistère / Brest``), a tags line
#: (matched against a line case-folded as ``fold`` does, so without ``re.I``: case-blind
#: matching of these alternations cost five times as much)
# the alternations as ``fold`` reads a line (a final sigma folds to ``σ``: ``ετικέτες`` was never
# found in ``Ετικέτες:``)
_COMMENT_WORDS, _COMMENTS, _READ_LABEL, _READ_AFTER, _SEE_ALSO, _HOME, _TAG_LABEL = (
    _casefold(words)
    for words in (_COMMENT_WORDS, _COMMENTS, _READ_LABEL, _READ_AFTER, _SEE_ALSO, _HOME, _TAG_LABEL)
)
FURNITURE_FORMS = re.compile(
    r"^[ \t]*(?:"
    rf"(?P<comment>\d[\d.,]*[ \t]+(?:{_COMMENT_WORDS})(?:[ \t]+(?:לכתבה|לפוסט))?[ \t]*:?"
    rf"|\d[\d.,]*[ \t]+(?:{_COMMENT_WORDS})[ \t]+(?:{_ON})[ \t]+[{_OPEN_QUOTE}][^\n]{{1,200}}"
    rf"|(?:{_COMMENTS})[ \t]*:?[ \t]*[(\[]?[ \t]*\d[\d.,]*[ \t]*[)\]]?"
    rf"|(?:{_COMMENTS}) lesen[ \t]*\(\d+[^\n)]{{0,20}}\)"
    r"|\d+[ \t]*件の(?:コメント|返信)|(?:コメント|댓글)[ \t]*[(（\[]?\d+[)）\]]?[ \t]*[件개]?"
    # Thai: a count with its classifier (``ความคิดเห็น 3 รายการ``), a comment's number
    # (``ความคิดเห็นที่ 2``)
    r"|ความคิดเห็น(?:ทั้งหมด)?[ \t]*(?:ที่[ \t]*)?\d[\d,]*(?:-\d+)?(?:[ \t]*(?:รายการ|ข้อความ))?)"
    rf"|(?P<navigation>(?:{_READ_LABEL})[ \t]*:?[ \t]*(?:ca\.[ \t]*)?\d+[ \t]*(?:{_MINUTES})"
    rf"|\d+[ \t]*(?:{_MINUTES})[ \t]*(?:{_READ_AFTER})"
    # Persian view counts and a news site's story number (``تعداد بازدید: ۳۸۲۱``, ``کد خبر:
    # ۲۱۸۴۷۶۳``)
    rf"|(?:{_casefold('تعداد بازدید|بازدید|کد خبر|کد مطلب')})[ \t]*:?[ \t]*\d[\d,٬]*"
    # Thai view counts and reading times (``เข้าชม 15,482 ครั้ง``, ``อ่าน 5 นาที``)
    r"|(?:เข้าชม|ผู้เข้าชม|อ่านแล้ว|อ่าน)[ \t]*:?[ \t]*\d[\d,]*[ \t]*(?:ครั้ง|นาที)"
    # and Thai likes, answers and a forum's member number (``ถูกใจ 8``, ``คำตอบ (2)``,
    # ``สมาชิกหมายเลข 2084415``)
    r"|(?:ถูกใจ|คำตอบ|สมาชิกหมายเลข)[ \t]*[(]?\d[\d,]*[)]?"
    # Japanese and Korean counts of views, likes and answers, alone or a few in a row
    # (``조회 3,411 | 추천 87 | 댓글 24``, ``いいね 128``, ``回答数：3``, ``답변 2개``), and a
    # municipal page's number (``ページ番号1008732``)
    rf"|{_COUNTS}"
    r"|ページ番号[ \t]*[:：]?[ \t]*\d+"
    # a link to the previous or the next post with its title (``이전글 <title>``, ``次の記事：<title>``)
    r"|(?:(?:이전글|다음글|이전기사|다음기사)(?:[ \t]*[:：>»›][ \t]*|[ \t]+)"
    r"|(?:이전 글|다음 글|이전 기사|다음 기사)(?:[ \t]*[:：>»›][ \t]*|\t[ \t]*)"
    r"|(?:前の記事|次の記事|前の投稿|次の投稿)(?:[ \t]*[:：>»›][ \t]*|[ \t　]+))"
    r"[^\n]{2,120}(?<![.。!?！？])"
    rf"|(?:{_SEE_ALSO})[ \t]*[:：»|>–—-][ \t]*[^\n]{{3,200}}(?<![.;])"
    rf"|(?:(?:{_HERE})[ \t]*:[ \t]*)?(?:{_HOME})(?:[ \t]*[/›»>→|＞][ \t]*[^\n/›»>→|＞]{{1,60}}){{1,6}}"
    r"(?<![.!?:。])"
    rf"|{_PAGE_COUNT})"
    rf"|(?P<tags>(?:{_TAG_LABEL})[ \t]*[:：][ \t]*[\w#][^\n]{{0,279}}"
    # a Korean or Japanese tags label before its list without a colon (``태그 무선이어폰,
    # 노이즈캔슬링``)
    r"|(?:태그|タグ|키워드|関連キーワード)[ \t]+[^\n,、]{1,40}(?:[,、][ \t]*[^\n,、]{1,40}){1,30})"
    # a Korean or Japanese copyright line (``<저작권자 © 한빛일보, 무단 전재 및 재배포 금지>``,
    # ``Copyright ⓒ X. 무단전재 및 재배포 금지.``, ``© X 記事の無断転載を禁じます``)
    r"|(?P<boilerplate>[<〈\[(]?[ \t]*(?:저작권자|copyright|ⓒ|©|\(c\))[^\n]{0,80}?"
    r"(?:무단[ \t]*(?:전재|복제)|無断(?:で)?(?:転載|複製|転用))[^\n]{0,60})"
    r")[ \t]*$",
    re.M,
)
#: a site's copyright line in any language, by its sign and what follows it: a year, a
#: company's form or "all rights reserved" (``© 2025 오늘뭐먹지 Corp.``, ``© NAVER Corp.``); or a
#: name, the sign and a year (``전기차타는사람들 © 2025``). The sign and a name alone (``© dpa``)
#: is a photo's credit as often. Read case-folded, trimmed.
_COPYRIGHT_NOTICE = re.compile(
    r"(?:copyright[ \t]*)?(?:©|ⓒ|\(c\)|copyright\b)[^\n©ⓒ]{0,80}?"
    r"(?:\b(?:19|20)\d\d\b|\b(?:corp|inc|ltd|llc|gmbh|co)\b|all rights reserved)[^\n©ⓒ]{0,60}$"
    r"|[^\n©ⓒ]{1,40}?[ \t]*(?:©|ⓒ)[ \t]*(?:19|20)\d\d(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?$"
)
_NOTICE_FIRST_WORDS = frozenset({"copyright", "(c)"})
#: a post's hashtags alone on a line, three at least (``#주말농장 #텃밭 #감자심기``): its tags in
#: any language
_HASHTAGS = re.compile(r"#[^\s#]+(?:[ \t]+#[^\s#]+){2,}$")
#: the counts among the forms: ``Furniture.how`` ``count``
_COUNT_FORM = re.compile(rf"^[ \t]*(?:{_COUNTS})[ \t]*$")
#: a page count (``Seite 1 von 2``, ``Halaman 3 dari 12``): ``Furniture.how`` ``pages``, which a
#: manual's review may quote
_PAGES_FORM = re.compile(rf"^[ \t]*(?:{_PAGE_COUNT})[ \t]*$")
#: a news site's prompt to follow it on Google News or a chat channel (``Ikuti X di Google
#: News``, ``Gabung saluran WhatsApp X untuk update berita terkini``, ``Theo dõi X trên Google
#: News``): read as a phrase, flagged only where the model has doubts and no sentence beside
#: it takes up its words (a how-to's ``Ikuti langkah berikut…`` may name the same platforms)
_FOLLOW_VERBS = (
    "ikuti|simak|gabung|bergabung|dapatkan|theo dõi|tham gia|síguenos|síganos|seguinos|sigue a"
    "|siga a"
    "|suivez-nous|suivez|rejoignez|pour ne rien rater"
)
_FOLLOW_PROMPT = re.compile(
    rf"^[ \t]*(?:{_FOLLOW_VERBS})\b[^\n]{{0,160}}?"
    r"(?:google news|saluran whatsapp|whatsapp channel|channel whatsapp|grup telegram"
    r"|channel telegram|kênh zalo|zalo oa|google noticias|google actualités|chaîne whatsapp"
    r"|canal de whatsapp)[^\n]{0,160}$"
)
#: a Turkish follow prompt, its verb at its end (``Gündem Postası'nı Google Haberler'de takip
#: edin``), read case-folded and trimmed
_FOLLOW_AT_END = re.compile(r"google haberler['’]de (?:takip edin|takip et|abone ol(?:un)?)$")
#: what parts a tags line's label from its items (a label holds none), and a share bar's label
#: from its first link (``Κοινοποίηση: Facebook | Twitter``)
_LABEL_END = re.compile("[:：]")


def _words(*alternations: str) -> frozenset[str]:
    """The first word of each alternative (a line that opens with none of them matches none)."""
    return frozenset(
        word.split()[0]
        for words in alternations
        for word in _alternatives(words.replace("\\", ""))
        if word.split()
    )


_FORM_FIRST_WORDS = _words(
    _COMMENTS, _READ_LABEL, _SEE_ALSO, _HOME, _TAG_LABEL, _HERE, _PAGE, _PAGES
) | {"bu"}  # a Turkish view count (``Bu haber 1.284 kez okundu.``)
#: the same for Japanese, Korean and Thai, whose labels run into what follows them with no space
_FORM_STARTS = (
    "コメント",
    "댓글",
    "関連記事",
    "あわせて読みたい",
    "관련기사",
    "タグ",
    "태그",
    "키워드",
    "조회",
    "추천",
    "비추천",
    "공감",
    "좋아요",
    "스크랩",
    "답변",
    "리뷰",
    "후기",
    "요리",
    "내공",
    "閲覧",
    "いいね",
    "ストック",
    "ナイス",
    "共感",
    "参考",
    "面白い",
    "エール",
    "なるほど",
    "回答数",
    "レス数",
    "返信数",
    "ページ番号",
    "<저작권자",
    "〈저작권자",
    "저작권자",
    "copyright",
    "ⓒ",
    "©",
    "(c)",
    "이전",
    "다음",
    "前の記事",
    "次の記事",
    "前の投稿",
    "次の投稿",
    "훈훈해요",
    "슬퍼요",
    "화나요",
    "놀랐어요",
    "후속기사",
    "응원해요",
    "팬이에요",
    "関連キーワード",
    "dibaca",
    "dilihat",
    "lượt",
    "trả",
    "đang",
    "பார்வைகள்",
    "பதில்கள்",
    "வாசித்தவர்கள்",
    "ความคิดเห็น",
    "ถูกใจ",
    "คำตอบ",
    "สมาชิกหมายเลข",
    "เข้าชม",
    "ผู้เข้าชม",
    "อ่าน",
    # (as ``fold`` reads them: Persian's ``ی`` and ``ک`` as Arabic's)
    _casefold("تعداد"),
    _casefold("بازدید"),
    _casefold("کد"),
)
_BAR_FIRST_WORDS = _words(*PHRASE_KIND, *_BAR_ONLY)
_FOLLOW_FIRST_WORDS = _words(_FOLLOW_VERBS)


@dataclass(frozen=True)
class Furniture:
    """What a line of furniture is: its kind (``ad``, ``comment``, ``navigation``,
    ``boilerplate``, ``tags``) and how it was told (``phrase``: one phrase alone, the one kind
    of line an article's heading can also be; ``bar``: links side by side; ``form``: a comment
    count, a reading time, a headline or a list after a label, a breadcrumb; ``count``: views,
    likes or answers counted, a form an article's own table of them can take; ``pages``: a page
    count, which a manual's review may quote; ``notice``: a copyright line, which an article on
    copyright may quote). ``items`` is a tags line's list."""

    kind: str
    how: str
    items: str = ""


def furniture(line: str, folded: str | None = None) -> Furniture | None:
    """What the whole line is as furniture, or ``None``: one phrase of ``PHRASE_KIND``; a bar of
    two or more pieces, each a phrase or a site's link (``_BAR_ONLY``), one of them a phrase at
    least (a label before the bar's colon is a piece: ``Teilen: Facebook | X``); or one of
    ``FURNITURE_FORMS``. Most lines are told apart by their first word alone.
    ``folded`` is the line case-folded already (``casefold_lines``)."""
    if folded is None:
        folded = _casefold(line)
    key = folded.strip(_TRIM)
    kind = PHRASE_KIND.get(key)
    if kind is not None:
        return Furniture(kind, "phrase")
    words = key.split(maxsplit=1)  # none when the trimmed line is blanks (``※\u3000``)
    first = words[0].rstrip(":：") if words else ""
    if not first:
        return None
    if first[0].isdigit() or first in _FORM_FIRST_WORDS or first.startswith(_FORM_STARTS):
        form = FURNITURE_FORMS.match(folded)
        if form is not None:
            if form["tags"] is not None:
                # the items as written (the form read the line case-folded); items a gap apart
                # are items as commas part them (``Themen: Bahn  Nahverkehr``)
                parts = _LABEL_END.split(line, maxsplit=1)
                # (a Korean or Japanese label may end at a blank instead: ``태그 a, b``)
                items = (parts if len(parts) == 2 else line.split(maxsplit=1))[-1].strip()
                return Furniture("tags", "form", _GAP.sub(", ", items))
            kind = form.lastgroup or "navigation"
            if kind == "boilerplate":
                return Furniture(kind, "notice")  # a copyright line
            if _COUNT_FORM.match(folded):
                return Furniture(kind, "count")
            if _PAGES_FORM.match(folded):
                return Furniture(kind, "pages")
            return Furniture(kind, "form")
    if len(key) < 5:
        return None
    if first[0] == "#" and _HASHTAGS.match(key):
        return Furniture("tags", "form", ", ".join(tag.lstrip("#") for tag in line.split()))
    if ("©" in key or "ⓒ" in key or first in _NOTICE_FIRST_WORDS) and _COPYRIGHT_NOTICE.match(key):
        return Furniture("boilerplate", "notice")
    if first in _FOLLOW_FIRST_WORDS and _FOLLOW_PROMPT.match(folded):
        return Furniture("navigation", "phrase")
    if "google haberler" in key and _FOLLOW_AT_END.search(key):
        return Furniture("navigation", "phrase")
    colon = _LABEL_END.search(key, 0, _SHARE_LABEL_CHARS + 1)
    if colon is not None and _share_label(key[: colon.start()], key[colon.end() :]):
        return Furniture("navigation", "bar")
    if first.rstrip("|·•/") not in _BAR_FIRST_WORDS:
        return None
    pieces = _BAR_SEPARATORS.split(key)
    if len(pieces) < 2:
        pieces = key.split()  # a bar of single words (``Facebook Twitter Drucken``)
    elif len(label_and_link := _LABEL_END.split(pieces[0], maxsplit=1)) == 2:
        pieces = [*label_and_link, *pieces[1:]]  # a label before the bar: a piece of its own
    if not _BAR_PIECES[0] <= len(pieces) <= _BAR_PIECES[1]:
        return None
    found, strangers = None, 0
    for piece in pieces:
        piece = piece.strip(_TRIM)
        kind = PHRASE_KIND.get(piece)
        if kind is None and piece not in _BAR_ONLY:
            if len(piece) > _BAR_STRANGER_CHARS or _DIGIT.search(piece) is not None:
                return None
            strangers += 1
        found = found or kind
    if strangers and (len(pieces) < _BAR_WITH_STRANGERS or 2 * strangers > len(pieces)):
        return None
    return Furniture(found, "bar") if found is not None else None


def site_link(line: str) -> bool:
    """Is the whole line furniture, or one of a site's other links (``_BAR_ONLY``: ``Home``,
    ``Kontakt``, ``หน้าแรก``), which are no furniture alone?"""
    return furniture(line) is not None or _casefold(line).strip(_TRIM) in _BAR_ONLY


def _share_label(label: str, links: str) -> bool:
    """Is ``label`` a bar's "share …" in its own words (``شارك الخبر``, ``इस पोस्ट को शेयर
    करें``), before links that are all share sites, two at least, or furniture phrases
    (``کپی لینک``)?"""
    if _SHARE_WORD.search(label) is None:
        return False
    sites = [site.strip(_TRIM) for site in _BAR_SEPARATORS.split(links.strip(_TRIM))]
    return sum(site in _SHARE_SITES for site in sites) >= 2 and all(
        site in _SHARE_SITES or site in PHRASE_KIND for site in sites
    )


#: a Japanese or Korean related heading after a section's name (``스포츠 많이 본 기사``, ``연예
#: 핫이슈``): a phrase of the table at the end of a short line with no sentence's mark. Endings
#: found only so on the pages read (``…におすすめ``, ``…のランキング``) end an article's own
#: subheadings too (``店主のおすすめ``): on the blind pages they took 1.5% of the article lines
_CJK_RELATED = _alternatives_folded(_RELATED["ja"] + "|" + _RELATED["ko"])
_CJK_RELATED_ENDINGS = "|".join(
    re.escape(phrase) for phrase in sorted(_CJK_RELATED, key=len, reverse=True)
)
_CJK_RELATED_HEADING = re.compile(rf"[^\n。.!?！？:：]{{1,20}}?[ \t]*(?:{_CJK_RELATED_ENDINGS})$")
_CJK_RELATED_CHARS = 30
#: the characters such a heading can end with: the regex is tried on the lines ending so only
_CJK_RELATED_LAST = frozenset(phrase[-1] for phrase in _CJK_RELATED)


def related_headings(lines: list[str]) -> list[int]:
    """The indices of the lines that are, whole, the heading of a related-stories list
    (``Lesen Sie auch:``; in Japanese and Korean also after a section's name)."""
    found = []
    for i, line in enumerate(casefold_lines(lines)):
        key = line.strip(_TRIM)
        if key in RELATED_HEADINGS or (
            key[-1:] in _CJK_RELATED_LAST
            and len(key) <= _CJK_RELATED_CHARS
            and _CJK_RELATED_HEADING.fullmatch(key) is not None
        ):
            found.append(i)
    return found


#: a word of four letters or more, or two Han, kana or Hangul characters or more
_WORD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{2,}|[^\W\d_]{4,}")


def mentioned(line: str, text: str) -> bool:
    """Does ``text`` take up a word of ``line`` (four letters or more, two characters in Chinese,
    Japanese or Korean), in any of its endings: the word's first three quarters found in it
    (``Реклама`` in ``рекламные``; ``広告`` in ``広告の表示``)?"""
    folded = text.casefold()
    return any(
        word[: max(4, -(-3 * len(word) // 4))] in folded for word in _WORD.findall(line.casefold())
    )
