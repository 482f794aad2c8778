### sdxl-bot: the member-facing text of the Discord UI, de.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = bild_erstellen
command-imagine-description = Bilder mit Stable Diffusion XL erstellen
option_name-prompt = prompt
option_name-negative_prompt = negativ_prompt
option_name-image = bild
option_name-mask = maske
option_name-width = breite
option_name-height = höhe
option_name-num_outputs = anzahl
option_name-scheduler = scheduler
option_name-num_inference_steps = schritte
option_name-guidance_scale = guidance
option_name-prompt_strength = prompt_stärke
option_name-seed = seed
option_name-refine = verfeinern
option_name-high_noise_frac = hochrausch_anteil
option_name-refine_steps = verfeinerungsschritte
option_name-apply_watermark = wasserzeichen
option_name-lora_scale = lora_stärke
option_name-replicate_weights = lora_gewichte
option_name-disable_safety_checker = sicherheitsfilter_aus
option-prompt = Was gemalt werden soll, z. B. ein Leuchtturm im Morgengrauen, Ölgemälde
option-negative_prompt = Was nicht im Bild vorkommen soll
option-image = Mit diesem Bild statt mit Rauschen beginnen (img2img)
option-mask = Inpainting-Maske: Weiß wird neu gemalt, Schwarz bleibt (braucht image)
option-width = Breite in Pixeln, ein Vielfaches von 8
option-height = Höhe in Pixeln, ein Vielfaches von 8
option-num_outputs = Wie viele Bilder erstellt werden
option-scheduler = Sampling-Scheduler
option-num_inference_steps = Entrauschungsschritte: mehr ist langsamer und oft feiner
option-guidance_scale = Wie genau der Prompt befolgt wird
option-prompt_strength = Mit einem Bild: wie stark es verändert wird (1 malt es ganz neu)
option-seed = Zufalls-Seed: gleicher Seed und gleiche Optionen ergeben dasselbe Bild
option-refine = Den Refiner für feinere Details nutzen
option-high_noise_frac = expert_ensemble_refiner: Anteil der Schritte, die das Basismodell macht
option-refine_steps = base_image_refiner: Anzahl der Refiner-Schritte
option-apply_watermark = Ein unsichtbares Wasserzeichen hinzufügen, das das Bild als KI-erzeugt kennzeichnet
option-lora_scale = LoRA-Stärke (nur trainierte Modelle)
option-replicate_weights = Zu nutzende LoRA-Gewichte (nur trainierte Modelle)
option-disable_safety_checker = Sicherheitsfilter ausschalten (nur wo die Moderation es erlaubt)
choice-no_refiner = Kein Refiner
choice-expert_ensemble_refiner = Expert-Ensemble-Refiner
choice-base_image_refiner = Basisbild-Refiner
usage-command = nutzung
usage-command-description = Bildnutzung auf diesem Server: aktivste Mitglieder, Fehlschläge, GPU-Zeit und Kosten
usage-option_name-days = tage
usage-option-days = Wie viele UTC-Tage, heute eingeschlossen (Standard 7)
command-quota-description = Sieh nach, wie viele Bilder du heute noch hast
command-history-description = Deine letzten 10 Generierungen auf diesem Server und was sie gekostet haben
command-mod-description = Moderationswerkzeuge: Kontingente, Sperren, Sperrliste, Kanäle
command-mod-allowance-description = Tägliche Bildkontingente festlegen
command-mod-allowance-member-description = Das eigene Tageskontingent eines Mitglieds festlegen oder entfernen
command-mod-allowance-role-description = Das Tageskontingent einer Rolle festlegen oder entfernen
command-mod-allowance-server-description = Das Standard-Tageskontingent dieses Servers festlegen oder entfernen
command-mod-grant-description = Einem Mitglied für heute zusätzliche Bilder geben
command-mod-reset-description = Einem Mitglied den heutigen Verbrauch erlassen
command-mod-ban-description = Ein Mitglied hier vom Bilderstellen ausschließen
command-mod-unban-description = Ein gesperrtes Mitglied wieder Bilder erstellen lassen
command-mod-blocklist-description = In Prompts abgelehnte Wörter und Muster
command-mod-blocklist-add-description = Ein Wort, eine Phrase oder einen regulären Ausdruck hinzufügen
command-mod-blocklist-remove-description = Einen Eintrag von der Sperrliste entfernen
command-mod-blocklist-list-description = Alle Einträge der Sperrliste anzeigen
command-mod-blocklist-mode-description = Passende Prompts ablehnen oder zur Prüfung zurückhalten
command-mod-channels-description = Wo /imagine benutzt werden darf
command-mod-channels-allow-description = /imagine in einem Kanal erlauben
command-mod-channels-remove-description = /imagine in einem Kanal nicht mehr erlauben
command-mod-channels-all-description = /imagine in allen Kanälen erlauben
command-mod-channels-list-description = Anzeigen, wo /imagine benutzt werden darf
command-mod-safety_checker-description = Mitgliedern erlauben, den Sicherheitsfilter in altersbeschränkten Kanälen auszuschalten
command-mod-modlog-description = Den Mod-Log-Kanal festlegen (leer lassen zum Ausschalten)
command-mod-role-description = Die Moderationsrolle festlegen (leer lassen für keine)
command-mod-cap-description = Ein serverweites Tageslimit für Bilder festlegen (leer lassen für keins)
mod-option-member = Das Mitglied
mod-option-role = Die Rolle
mod-option-allowance = Bilder pro Tag (leer lassen, um die Einstellung zu entfernen)
mod-option-grant = Zusätzliche Bilder für heute
mod-option-reason = Grund (erscheint im Mod-Log)
mod-option-pattern = Ein Wort, eine Phrase oder ein regulärer Ausdruck
mod-option-regex = Das Muster als regulären Ausdruck behandeln
mod-option-pattern_remove = Der Eintrag, genau wie /mod blocklist list ihn zeigt
mod-option-mode = Was mit einem passenden Prompt passiert
mod-option-channel = Ein Textkanal
mod-option-enabled = Ausschalten des Sicherheitsfilters erlauben
mod-option-modlog_channel = Wo Moderationsaktionen protokolliert werden (leer: aus)
mod-option-moderator_role = Mitglieder mit dieser Rolle dürfen /mod nutzen (leer: keine)
mod-option-cap = Bilder pro Tag für den ganzen Server (leer: kein Limit)
mod-choice-refuse = Den Prompt ablehnen
mod-choice-review = Im Mod-Log zur Prüfung zurückhalten

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = kontingent
command-history = verlauf
command-mod = moderation
command-mod-allowance = kontingente
command-mod-allowance-member = mitglied
command-mod-allowance-role = rolle
command-mod-allowance-server = server
command-mod-grant = gewähren
command-mod-reset = zurücksetzen
command-mod-ban = sperren
command-mod-unban = entsperren
command-mod-blocklist = sperrliste
command-mod-blocklist-add = hinzufügen
command-mod-blocklist-remove = entfernen
command-mod-blocklist-list = anzeigen
command-mod-blocklist-mode = modus
command-mod-channels = kanäle
command-mod-channels-allow = erlauben
command-mod-channels-remove = entfernen
command-mod-channels-all = alle
command-mod-channels-list = anzeigen
command-mod-safety_checker = sicherheitsfilter
command-mod-modlog = moderationsprotokoll
command-mod-role = moderationsrolle
command-mod-cap = tageslimit
mod-option_name-member = mitglied
mod-option_name-images = bilder
mod-option_name-role = rolle
mod-option_name-reason = grund
mod-option_name-pattern = muster
mod-option_name-regex = regulärer_ausdruck
mod-option_name-mode = modus
mod-option_name-channel = kanal
mod-option_name-enabled = aktiviert

## Buttons

button-cancel = Abbrechen
button-reroll = Neu würfeln
button-vary = Variante { $index }
button-delete = Löschen
review-approve = Freigeben
review-deny = Ablehnen

## Refused options (what the member typed or attached)

input-range = `{ $field }` muss zwischen { $min } und { $max } liegen (du hast { $value } angegeben).
input-multiple_of = `{ $field }` muss ein Vielfaches von { $step } zwischen { $min } und { $max } sein (du hast { $value } angegeben; versuch es mit { $suggestion }).
input-pixel_budget = { $width }×{ $height } sind { $pixels } Pixel, mehr als die erlaubten { $max_pixels }: mach `width` oder `height` kleiner (zum Beispiel { $suggestion }).
input-choice = `{ $field }` muss eines davon sein: { $choices } (du hast { $value } angegeben).
input-type = `{ $field }` muss { $expected } sein (du hast { $value } angegeben).
input-too_long = `{ $field }` ist { $length } Zeichen lang; erlaubt sind { $max }. Kürze es und versuch es noch einmal.
input-empty = `{ $field }` ist leer: beschreibe das Bild, das du möchtest, zum Beispiel `ein Leuchtturm im Morgengrauen, Ölgemälde`.
input-requires = `{ $field }` funktioniert nur zusammen mit { $requirement }.
input-unknown = `{ $field }` ist keine Option dieses Befehls.
input-uri = `{ $field }` muss ein https-Link oder ein hochgeladenes Bild sein.
input-text = `{ $field }` muss Text sein (du hast { $value } angegeben).
input-ignored_with_image = `{ $field }` geht nicht zusammen mit `image`: das Ergebnis behält die Größe deines Bildes, also lass `width` und `height` weg.
input-invalid = `{ $field }` hat einen Wert, den dieser Befehl nicht verwenden kann.
attachment-type = `{ $field }` muss ein PNG-, JPEG- oder WebP-Bild sein (diese Datei ist { $content_type }).
attachment-too_large = `{ $field }` ist { $size_mib } MiB groß; erlaubt sind { $limit_mib } MiB. Lade ein kleineres Bild hoch.
attachment-dimensions = `{ $field }` ist { $width }×{ $height } groß; jede Seite muss zwischen { $min } und { $max } Pixeln liegen.
attachment-mask_size = `mask` ist { $mask_width }×{ $mask_height }, aber `image` ist { $width }×{ $height }: die Maske muss genau so groß sein wie das Bild.
attachment-unreadable = `{ $field }` sieht nicht wie ein Bild aus, das Discord lesen kann. Lade ein PNG oder JPEG hoch.
policy-safety_checker = `disable_safety_checker` funktioniert nur in altersbeschränkten Kanälen, in denen die Moderation es eingeschaltet hat.

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate hat das API-Token abgelehnt. Prüfe REPLICATE_API_TOKEN (und REPLICATE_API_BASE, falls du ein Relay nutzt).
replicate-payment_required = Das Replicate-Konto hat kein Guthaben mehr, daher wurde kein Bild erstellt und nichts abgebucht. Bitte die Person, die den Bot betreibt, es aufzuladen.
replicate-invalid_input = Replicate hat diese Optionen abgelehnt: { $detail }
replicate-invalid_version = Replicate kennt die Modellversion in SDXL_MODEL nicht ({ $detail }).
replicate-rate_limited =
    { $seconds ->
        [one] Replicate ist gerade ausgelastet (Ratenlimit). Versuch es in etwa { $seconds } Sekunde noch einmal.
       *[other] Replicate ist gerade ausgelastet (Ratenlimit). Versuch es in etwa { $seconds } Sekunden noch einmal.
    }
replicate-unavailable = Replicate war nicht erreichbar ({ $detail }). Nichts wurde abgebucht; versuch es in einer Minute noch einmal.
replicate-create_unknown = Replicate hat die Anfrage nicht bestätigt ({ $detail }), daher ist unklar, ob das Bild gestartet wurde. Sie wurde nicht erneut gesendet, damit nichts doppelt läuft oder doppelt abgebucht wird.
replicate-protocol = Replicate hat eine Antwort geschickt, die der Bot nicht lesen konnte ({ $detail }).
replicate-http = Replicate antwortete { $status } { $title }: { $detail }
prediction-nsfw = Der Sicherheitsfilter hat jedes Bild markiert, daher kann keines gezeigt werden und nichts wurde abgebucht. Versuch es mit einem anderen Prompt.
prediction-failed = Das Modell ist fehlgeschlagen: { $detail }
prediction-canceled = Die Generierung wurde abgebrochen. Nichts wurde abgebucht.
prediction-timeout = Die Generierung dauerte länger als { $seconds } s und wurde gestoppt. Nichts wurde abgebucht; versuch es noch einmal, vielleicht mit weniger Schritten oder Bildern.
prediction-no_output = Das Modell ist fertig geworden, ohne ein Bild zurückzugeben.
output-host_not_allowed = Ein Ergebnisbild liegt auf { $host }, das nicht in OUTPUT_HOSTS steht; es wurde nicht heruntergeladen.
output-insecure = Der Link eines Ergebnisbilds ist kein https ({ $scheme }); es wurde nicht heruntergeladen.
output-too_large = Ein Ergebnisbild ist größer als { $limit_mib } MiB; es wurde nicht heruntergeladen.
output-unreadable = Ein Ergebnisbild konnte nicht heruntergeladen werden ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] Du hast { $asked } Bild angefragt
       *[other] Du hast { $asked } Bilder angefragt
    }, hast heute aber nur noch { $left } von { $limit } übrig. Dein Kontingent wird <t:{ $resets }:R> zurückgesetzt. Nichts wurde abgebucht.
quota-guild_cap =
    { $cap ->
        [one] Dieser Server hat sein { $cap } Bild für heute schon verbraucht.
       *[other] Dieser Server hat alle { $cap } Bilder für heute schon verbraucht.
    } Das Limit wird <t:{ $resets }:R> zurückgesetzt. Nichts wurde abgebucht.
quota-banned = Die Moderation hat dich auf diesem Server vom Bilderstellen ausgeschlossen. Frag nach, wenn du das für einen Fehler hältst.
policy-channel = In diesem Kanal ist die Bilderstellung nicht aktiviert. Versuch es in { $channels }.
policy-blocked = Dieser Prompt enthält etwas, das die Moderation dieses Servers nicht erlaubt. Formuliere ihn um und versuch es noch einmal; nichts wurde abgebucht.
jobs-too_many =
    { $count ->
        [one] Du hast schon { $count } Generierung am Laufen; warte, bis sie fertig ist.
       *[other] Du hast schon { $count } Generierungen am Laufen; warte, bis eine fertig ist.
    }
jobs-queue_full = Die Warteschlange ist voll ({ $count } warten). Nichts wurde abgebucht; versuch es in ein paar Minuten noch einmal.
jobs-not_found = Diese Generierung kennt der Bot nicht mehr.
jobs-shutting_down = Der Bot startet gerade neu und nimmt im Moment keine neuen Anfragen an. Nichts wurde abgebucht; versuch es in einer Minute noch einmal.
review-too_many =
    { $count ->
        [one] Du hast schon { $count } Anfrage, die auf die Moderation wartet. Warte die Entscheidung ab, bevor du eine ähnliche schickst.
       *[other] Du hast schon { $count } Anfragen, die auf die Moderation warten. Warte die Entscheidung ab, bevor du eine ähnliche schickst.
    }
review-cooldown =
    { $seconds ->
        [one] Eine deiner Anfragen ging gerade an die Moderation. Versuch es in { $seconds } Sekunde noch einmal.
       *[other] Eine deiner Anfragen ging gerade an die Moderation. Versuch es in { $seconds } Sekunden noch einmal.
    }

## Errors at the Discord edge

errors-reply_unavailable = Nachricht und Kanal der Anfrage gibt es nicht mehr; sie wurde beendet und erstattet.
errors-unexpected = Bei uns ist etwas schiefgelaufen. Es wurde protokolliert; nenne die Referenz { $reference }, wenn du es meldest.
errors-not_allowed = Du darfst diesen Befehl hier nicht benutzen.
errors-guild_only = Dieser Befehl funktioniert nur auf einem Server.

## The live status message

status-queued = ⏳ In der Warteschlange: Platz { $position }
status-queued_long =
    { $minutes ->
        [one] ⏳ Viel los in der Warteschlange: du bist auf Platz { $position }, noch etwa { $minutes } Minute. Abbrechen kostet nichts.
       *[other] ⏳ Viel los in der Warteschlange: du bist auf Platz { $position }, noch etwa { $minutes } Minuten. Abbrechen kostet nichts.
    }
status-submitting = 📨 Wird an das Modell gesendet…
status-starting = 🚀 Startet (das Modell wärmt sich auf) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · Schritt { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· noch etwa { $seconds } s
status-phase-base = Basismodell
status-phase-refiner = Refiner
status-finishing = ✨ Letzter Schliff: Bilder werden dekodiert und geprüft · { $elapsed }
status-paused = ⏸ Der Bot startet neu. Diese Anfrage bleibt erhalten und geht in diesem Kanal weiter, sobald er zurück ist.
status-upload_failed = ❌ Die Bilder konnten hier nicht hochgeladen werden. Nichts wurde abgebucht; versuch es mit weniger oder kleineren Bildern.
status-moved = { $mention } deine Anfrage geht hier weiter (Discords Antwortfenster ist abgelaufen).
status-continued = ➡️ Geht in einer neuen Nachricht weiter: { $link }
status-resumed = { $mention } der Bot wurde neu gestartet; deine Anfrage geht hier weiter.
status-delivering = 📦 Bilder werden hochgeladen…
status-canceling = 🛑 Wird abgebrochen… Nichts wird abgebucht, außer die Bilder sind schon fertig.
status-queued_expiring = ⏳ Noch in der Warteschlange auf Platz { $position }. Discords Antwortfenster schließt sich: die Bilder werden in diesem Kanal gepostet, wenn du dran bist.
status-failed = ❌ Keine Bilder: { $reason }
status-canceled = 🛑 Abgebrochen. Nichts wurde abgebucht.

## The result

result-title = Fertig in { $seconds } s
result-negative_prompt = Negativer Prompt
result-seed = Seed
result-size = Größe
result-size_from_image = wie das Bild
result-steps = Schritte
result-scheduler = Scheduler
result-guidance = Guidance
result-refine = Refiner
result-mode = Modus
result-dropped =
    { $dropped ->
        [one] { $dropped } von { $requested } Bildern wurde vom Sicherheitsfilter zurückgehalten.
       *[other] { $dropped } von { $requested } Bildern wurden vom Sicherheitsfilter zurückgehalten.
    }
result-too_late_to_cancel = Die Bilder waren fertig, bevor der Abbruch ankam, daher wurden sie geliefert und abgebucht.
result-missing =
    { $missing ->
        [one] { $missing } von { $requested } Bildern konnte nicht heruntergeladen werden und wurde erstattet.
       *[other] { $missing } von { $requested } Bildern konnten nicht heruntergeladen werden und wurden erstattet.
    }
result-reencoded = Einige Bilder wurden als JPEG neu kodiert, um in Discords Upload-Limit zu passen.
delivery-fallback = { $mention } deine Bilder sind fertig (die ursprüngliche Antwort ließ sich nicht mehr bearbeiten).

## Answers to the buttons

button-not_yours = Das kann nur das Mitglied, das es angefragt hat, oder die Moderation.
button-canceling = Wird abgebrochen…
button-already_canceling = Diese Anfrage wird bereits abgebrochen.
button-already_finished = Diese Anfrage ist schon fertig; es gibt nichts abzubrechen.
button-no_image = Dieses Bild hängt nicht mehr an der Nachricht.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = Dein Prompt wurde der Moderation zur Prüfung geschickt. Wird er freigegeben, erscheinen die Bilder in diesem Kanal und du wirst erwähnt. Nichts wurde abgebucht.
review-modlog = 🔎 Zur Prüfung zurückgehalten: { $member } in { $channel } (Treffer `{ $entry }`): { $prompt }
review-approved_by = ✅ Freigegeben von { $moderator }
review-denied_by = ❌ Abgelehnt von { $moderator }
review-already_decided = Jemand anderes aus der Moderation hat über diese Anfrage schon entschieden.
review-approved_note = { $member } die Moderation hat deine Bildanfrage freigegeben; gleich geht's los.
review-denied_note = { $member } die Moderation hat deine Bildanfrage abgelehnt. Nichts wurde abgebucht.
modlog-matched = {" "}(Treffer `{ $entry }`)
modlog-gate_refused = 🚫 Prompt von { $member } in { $channel } abgelehnt: { $reason } Prompt: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (die Prüfung der Sperrliste wurde nicht rechtzeitig fertig)

## /quota and /history

quota-view-title = **Deine Bilder heute**
quota-view-counts = Verbraucht: **{ $used }** · In Arbeit: **{ $in_progress }** · Übrig: **{ $left }** von { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Tageskontingent: { $allowance } Bild ({ $source })
       *[other] Tageskontingent: { $allowance } Bilder ({ $source })
    }
quota-view-granted = Heute zusätzlich von der Moderation: +{ $granted }
quota-view-forgiven = Heute von der Moderation erlassen: { $reset }
quota-view-resets = Wird <t:{ $resets }:R> zurückgesetzt (Mitternacht UTC)
quota-source-member = von der Moderation für dich festgelegt
quota-source-role = von deiner Rolle
quota-source-guild = Standard dieses Servers
quota-source-default = Standard des Bots
history-title = Deine letzten Generierungen auf diesem Server
history-empty = Du hast auf diesem Server noch keine Bilder erstellt. Probier `/imagine` aus.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Kontingent: { $quota }
history-no_prompt = (kein Prompt)
history-images =
    { $count ->
        [one] { $count } Bild
       *[other] { $count } Bilder
    }
history-state-running = ⏳ läuft
history-state-done = ✅ fertig
history-state-failed = ❌ fehlgeschlagen
history-state-canceled = 🛑 abgebrochen
history-quota-none = nichts abgebucht
history-quota-separator = ,{" "}
history-quota-reserved = { $count } reserviert
history-quota-charged = { $count } abgebucht
history-quota-refunded = { $count } erstattet ({ $causes })
history-quota-held = { $count } noch reserviert
history-cause-safety = Sicherheitsfilter
history-cause-canceled = abgebrochen
history-cause-timeout = Zeit überschritten
history-cause-not_delivered = nicht geliefert
history-cause-failed = fehlgeschlagen

## /usage

usage-title = Bildnutzung auf diesem Server
usage-period = UTC-Tage { $first } bis { $last }
usage-today = Heute: { $value }
usage-period_total = Summe über { $days } Tage: { $value }
usage-images = Gelieferte Bilder
usage-failures = Fehlgeschlagen und abgebrochen
usage-failures-count = { $failed } fehlgeschlagen · { $canceled } abgebrochen · { $jobs } insgesamt
usage-gpu = GPU-Zeit und geschätzte Kosten
usage-gpu-value = { $seconds } s ≈ { $cost } US$
usage-top_today = Aktivste Mitglieder heute (Bilder)
usage-top_period = Aktivste Mitglieder, Summe über { $days } Tage (Bilder)
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = Noch niemand
usage-footer = Kosten geschätzt mit { $price } US$ pro GPU-Sekunde (PRICE_PER_GPU_SECOND). Tage sind UTC.

## /mod answers

mod-needs_manage_server = Nur Mitglieder mit „Server verwalten“ können ändern, wer moderiert, wohin das Mod-Log geht oder ob der Sicherheitsfilter abschaltbar ist.
mod-role_everyone = @everyone kann nicht die Moderationsrolle sein: dann würde jedes Mitglied moderieren. Wähle eine Rolle, die nur die Moderation hat.
mod-role_managed = Diese Rolle wird von einem Bot oder einer Integration verwaltet, also wählt hier niemand ihre Mitglieder aus. Wähle eine eigene Rolle.
mod-done-allowance_member =
    { $images ->
        [one] Das Tageskontingent von { $member } ist jetzt { $images } Bild.
       *[other] Das Tageskontingent von { $member } ist jetzt { $images } Bilder.
    }
mod-done-allowance_member_removed = { $member } hat kein eigenes Kontingent mehr; es gelten die Rollen oder der Standard des Servers.
mod-done-allowance_role =
    { $images ->
        [one] Mitglieder mit { $role } bekommen jetzt { $images } Bild pro Tag (außer die Moderation hat ihnen ein eigenes Kontingent gegeben).
       *[other] Mitglieder mit { $role } bekommen jetzt { $images } Bilder pro Tag (außer die Moderation hat ihnen ein eigenes Kontingent gegeben).
    }
mod-done-allowance_role_removed = { $role } gibt kein Tageskontingent mehr.
mod-done-allowance_guild =
    { $images ->
        [one] Das Standard-Tageskontingent dieses Servers ist jetzt { $images } Bild.
       *[other] Das Standard-Tageskontingent dieses Servers ist jetzt { $images } Bilder.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] Das Standard-Tageskontingent dieses Servers wurde entfernt; es gilt der Standard des Bots von { $images } Bild.
       *[other] Das Standard-Tageskontingent dieses Servers wurde entfernt; es gilt der Standard des Bots von { $images } Bildern.
    }
mod-done-grant =
    { $images ->
        [one] { $member } hat für heute { $images } zusätzliches Bild bekommen.
       *[other] { $member } hat für heute { $images } zusätzliche Bilder bekommen.
    }
mod-done-grant_reason =
    { $images ->
        [one] { $member } hat für heute { $images } zusätzliches Bild bekommen.
       *[other] { $member } hat für heute { $images } zusätzliche Bilder bekommen.
    } Grund: { $reason }
mod-done-reset =
    { $images ->
        [one] Heutiger Verbrauch von { $member } zurückgesetzt: { $images } Bild erlassen.
       *[other] Heutiger Verbrauch von { $member } zurückgesetzt: { $images } Bilder erlassen.
    }
mod-done-ban = { $member } darf auf diesem Server keine Bilder mehr erstellen. Grund: { $reason }
mod-done-unban = { $member } darf wieder Bilder erstellen.
mod-done-block_added = Das Wort { $pattern } wurde zur Sperrliste hinzugefügt.
mod-done-block_added_regex = Der reguläre Ausdruck { $pattern } wurde zur Sperrliste hinzugefügt.
mod-done-block_removed = { $pattern } wurde von der Sperrliste entfernt.
mod-done-block_mode_refuse = Prompts, die auf die Sperrliste passen, werden jetzt abgelehnt.
mod-done-block_mode_review = Prompts, die auf die Sperrliste passen, werden jetzt im Mod-Log-Kanal zur Prüfung zurückgehalten (ohne Mod-Log-Kanal werden sie abgelehnt).
mod-done-channel_allowed = /imagine darf jetzt in { $channel } benutzt werden. Erlaubte Kanäle: { $channels }.
mod-done-channel_removed = /imagine darf in { $channel } nicht mehr benutzt werden. Erlaubte Kanäle: { $channels }.
mod-done-channel_removed_last = { $channel } war der letzte erlaubte Kanal, daher ist die Beschränkung aufgehoben: /imagine darf jetzt in jedem Kanal benutzt werden.
mod-done-channels_all = /imagine darf jetzt in jedem Kanal benutzt werden.
mod-done-safety_on = Mitglieder dürfen den Sicherheitsfilter jetzt in altersbeschränkten Kanälen ausschalten.
mod-done-safety_off = Mitglieder dürfen den Sicherheitsfilter nicht mehr ausschalten.
mod-done-modlog_set = Moderationsaktionen und abgelehnte Prompts werden jetzt in { $channel } gepostet.
mod-done-modlog_off = Das Mod-Log ist jetzt aus.
mod-done-role_set = Mitglieder mit { $role } dürfen jetzt die Moderationsbefehle benutzen.
mod-done-role_none = Es gibt keine Moderationsrolle mehr; nur „Server verwalten“ gibt Zugriff auf die Moderationsbefehle.
mod-done-cap_set =
    { $images ->
        [one] Dieser Server darf jetzt höchstens { $images } Bild pro Tag (UTC) erstellen.
       *[other] Dieser Server darf jetzt höchstens { $images } Bilder pro Tag (UTC) erstellen.
    }
mod-done-cap_none = Dieser Server hat kein Tageslimit mehr.
mod-blocklist-empty = Die Sperrliste ist leer. Füge Einträge mit `/mod blocklist add` hinzu.
mod-blocklist-title =
    { $count ->
        [one] **Sperrliste** ({ $count } Eintrag; passende Prompts: { $mode })
       *[other] **Sperrliste** ({ $count } Einträge; passende Prompts: { $mode })
    }
mod-blocklist-regex = (regulärer Ausdruck)
mod-blocklist-more = … und { $count } weitere
mod-channels-everywhere = /imagine darf in jedem Kanal benutzt werden.
mod-channels-listed = /imagine darf nur hier benutzt werden: { $channels }
mod-mode-refuse = ablehnen
mod-mode-review = zur Prüfung zurückhalten
mod-refused-not_banned = { $member } ist nicht gesperrt; nichts wurde geändert.
mod-refused-duplicate = { $pattern } steht schon auf der Sperrliste; nichts wurde geändert.
mod-refused-not_listed = { $pattern } steht nicht auf der Sperrliste; nichts wurde geändert. `/mod blocklist list` zeigt die Einträge.
mod-refused-no_restriction = /imagine ist auf keine Kanäle beschränkt, daher kann { $channel } nicht entfernt werden; nichts wurde geändert. Mit `/mod channels allow` wählst du die Kanäle.
mod-refused-channel_not_listed = { $channel } ist kein erlaubter Kanal; nichts wurde geändert. Erlaubt: { $channels }.
moderation-bad_regex = Dieser reguläre Ausdruck lässt sich mit RE2, der Regex-Engine des Bots, nicht kompilieren: { $detail }
moderation-regex_backreference = Dieser reguläre Ausdruck verweist auf eine frühere Gruppe zurück ({ $detail }). Die Regex-Engine des Bots (RE2) arbeitet in linearer Zeit und kennt keine Rückverweise: schreib den wiederholten Text aus, zum Beispiel wird `(ab)\1` zu `abab`.
moderation-regex_lookaround = Dieser reguläre Ausdruck nutzt Lookahead oder Lookbehind ({ $detail }), was die Regex-Engine des Bots (RE2) nicht unterstützt. Einträge passen ohnehin überall im Prompt: lass das Lookaround weg oder nutze `\b` für eine Wortgrenze.
moderation-regex_possessive = Dieser reguläre Ausdruck nutzt einen possessiven Quantor oder eine atomare Gruppe ({ $detail }). Die Regex-Engine des Bots (RE2) macht nie Backtracking, daher braucht es sie nicht: schreib `a+` statt `a++` oder `(?>a+)`.
moderation-regex_conditional = Dieser reguläre Ausdruck nutzt eine bedingte Gruppe ({ $detail }), was die Regex-Engine des Bots (RE2) nicht unterstützt. Füge jede Alternative als eigenen Eintrag hinzu.
moderation-regex_too_big = Dieser reguläre Ausdruck ist zu groß für die Regex-Engine des Bots (RE2): { $detail }. Wiederholungen gehen bis 1000; nimm eine kleinere Zahl oder einfach `+`.
moderation-blocklist_full =
    { $max ->
        [one] Die Sperrliste hat schon { $max } Eintrag; entferne ihn zuerst.
       *[other] Die Sperrliste hat schon { $max } Einträge; entferne zuerst einige.
    }
