### sdxl-bot: the member-facing text of the Discord UI, fr.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = imaginer
command-imagine-description = Créer des images avec Stable Diffusion XL
option_name-prompt = prompt
option_name-negative_prompt = prompt_négatif
option_name-image = image
option_name-mask = masque
option_name-width = largeur
option_name-height = hauteur
option_name-num_outputs = nombre
option_name-scheduler = planificateur
option_name-num_inference_steps = étapes
option_name-guidance_scale = guidage
option_name-prompt_strength = force_du_prompt
option_name-seed = graine
option_name-refine = affinage
option_name-high_noise_frac = part_bruit_élevé
option_name-refine_steps = étapes_d_affinage
option_name-apply_watermark = filigrane
option_name-lora_scale = force_lora
option_name-replicate_weights = poids_lora
option_name-disable_safety_checker = sans_filtre_de_sécurité
option-prompt = Ce qu'il faut dessiner, p. ex. un phare à l'aube, peinture à l'huile
option-negative_prompt = Ce qu'il ne faut pas voir dans l'image
option-image = Partir de cette image plutôt que du bruit (img2img)
option-mask = Masque d'inpainting : le blanc est repeint, le noir est conservé (nécessite image)
option-width = Largeur en pixels, un multiple de 8
option-height = Hauteur en pixels, un multiple de 8
option-num_outputs = Combien d'images créer
option-scheduler = Planificateur d'échantillonnage
option-num_inference_steps = Étapes de débruitage : plus c'est lent, plus c'est souvent fin
option-guidance_scale = À quel point suivre le prompt
option-prompt_strength = Avec une image : à quel point la modifier (1 la repeint entièrement)
option-seed = Graine aléatoire : même graine et mêmes options donnent la même image
option-refine = Utiliser le raffineur pour plus de détails
option-high_noise_frac = expert_ensemble_refiner : part des étapes faites par le modèle de base
option-refine_steps = base_image_refiner : nombre d'étapes du raffineur
option-apply_watermark = Ajouter un filigrane invisible qui indique que l'image est générée par IA
option-lora_scale = Force du LoRA (modèles entraînés uniquement)
option-replicate_weights = Poids LoRA à utiliser (modèles entraînés uniquement)
option-disable_safety_checker = Désactiver le filtre de sécurité (seulement là où la modération l'autorise)
choice-no_refiner = Sans raffineur
choice-expert_ensemble_refiner = Raffineur par ensemble d'experts
choice-base_image_refiner = Raffineur d'image de base
usage-command = utilisation
usage-command-description = Utilisation des images sur ce serveur : membres les plus actifs, échecs, temps GPU et coût
usage-option_name-days = jours
usage-option-days = Combien de jours UTC couvrir, aujourd'hui compris (7 par défaut)
command-quota-description = Voir combien d'images il te reste aujourd'hui
command-history-description = Tes 10 dernières générations sur ce serveur et ce qu'elles ont coûté
command-mod-description = Outils de modération : quotas, bannissements, liste de blocage, salons
command-mod-allowance-description = Définir les quotas quotidiens d'images
command-mod-allowance-member-description = Définir ou retirer le quota quotidien propre à un membre
command-mod-allowance-role-description = Définir ou retirer le quota quotidien d'un rôle
command-mod-allowance-server-description = Définir ou retirer le quota quotidien par défaut de ce serveur
command-mod-grant-description = Donner à un membre des images en plus pour aujourd'hui
command-mod-reset-description = Effacer ce qu'un membre a utilisé aujourd'hui
command-mod-ban-description = Empêcher un membre de générer des images ici
command-mod-unban-description = Permettre à nouveau à un membre banni de générer des images
command-mod-blocklist-description = Mots et motifs refusés dans les prompts
command-mod-blocklist-add-description = Ajouter un mot, une expression ou une expression régulière
command-mod-blocklist-remove-description = Retirer une entrée de la liste de blocage
command-mod-blocklist-list-description = Afficher toutes les entrées de la liste de blocage
command-mod-blocklist-mode-description = Refuser les prompts correspondants, ou les retenir pour examen
command-mod-channels-description = Où /imagine peut être utilisé
command-mod-channels-allow-description = Autoriser /imagine dans un salon
command-mod-channels-remove-description = Ne plus autoriser /imagine dans un salon
command-mod-channels-all-description = Autoriser /imagine dans tous les salons
command-mod-channels-list-description = Afficher où /imagine peut être utilisé
command-mod-safety_checker-description = Permettre aux membres de désactiver le filtre de sécurité dans les salons avec limite d'âge
command-mod-modlog-description = Définir le salon du journal de modération (vide pour le désactiver)
command-mod-role-description = Définir le rôle de modération (vide pour aucun)
command-mod-cap-description = Définir une limite quotidienne d'images pour tout le serveur (vide pour aucune)
mod-option-member = Le membre
mod-option-role = Le rôle
mod-option-allowance = Images par jour (vide pour retirer le réglage)
mod-option-grant = Images en plus pour aujourd'hui
mod-option-reason = Raison (affichée dans le journal de modération)
mod-option-pattern = Un mot ou une expression, ou une expression régulière
mod-option-regex = Traiter le motif comme une expression régulière
mod-option-pattern_remove = L'entrée, exactement comme /mod blocklist list l'affiche
mod-option-mode = Ce qui arrive à un prompt correspondant
mod-option-channel = Un salon textuel
mod-option-enabled = Autoriser la désactivation du filtre de sécurité
mod-option-modlog_channel = Où les actions de modération sont consignées (vide : désactivé)
mod-option-moderator_role = Les membres ayant ce rôle peuvent utiliser /mod (vide : aucun)
mod-option-cap = Images par jour pour tout le serveur (vide : pas de limite)
mod-choice-refuse = Refuser le prompt
mod-choice-review = Le retenir pour examen dans le journal de modération

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = quota
command-history = historique
command-mod = modération
command-mod-allowance = quotas
command-mod-allowance-member = membre
command-mod-allowance-role = rôle
command-mod-allowance-server = serveur
command-mod-grant = accorder
command-mod-reset = réinitialiser
command-mod-ban = bannir
command-mod-unban = débannir
command-mod-blocklist = liste_de_blocage
command-mod-blocklist-add = ajouter
command-mod-blocklist-remove = retirer
command-mod-blocklist-list = afficher
command-mod-blocklist-mode = comportement
command-mod-channels = salons
command-mod-channels-allow = autoriser
command-mod-channels-remove = retirer
command-mod-channels-all = tous
command-mod-channels-list = afficher
command-mod-safety_checker = filtre_de_sécurité
command-mod-modlog = journal_de_modération
command-mod-role = rôle_de_modération
command-mod-cap = limite_quotidienne
mod-option_name-member = membre
mod-option_name-images = nombre
mod-option_name-role = rôle
mod-option_name-reason = raison
mod-option_name-pattern = motif
mod-option_name-regex = expression_régulière
mod-option_name-mode = mode
mod-option_name-channel = salon
mod-option_name-enabled = activé

## Buttons

button-cancel = Annuler
button-reroll = Relancer
button-vary = Variante { $index }
button-delete = Supprimer
review-approve = Approuver
review-deny = Refuser

## Refused options (what the member typed or attached)

input-range = `{ $field }` doit être entre { $min } et { $max } (tu as mis { $value }).
input-multiple_of = `{ $field }` doit être un multiple de { $step } entre { $min } et { $max } (tu as mis { $value } ; essaie { $suggestion }).
input-pixel_budget = { $width }×{ $height } fait { $pixels } pixels, plus que les { $max_pixels } autorisés : réduis `width` ou `height` (par exemple { $suggestion }).
input-choice = `{ $field }` doit être l'une de ces valeurs : { $choices } (tu as mis { $value }).
input-type = `{ $field }` doit être { $expected } (tu as mis { $value }).
input-too_long =
    { $length ->
        [one] `{ $field }` fait { $length } caractère ; la limite est de { $max }. Raccourcis-le et réessaie.
       *[other] `{ $field }` fait { $length } caractères ; la limite est de { $max }. Raccourcis-le et réessaie.
    }
input-empty = `{ $field }` est vide : décris l'image que tu veux, par exemple `un phare à l'aube, peinture à l'huile`.
input-requires = `{ $field }` ne fonctionne qu'avec { $requirement }.
input-unknown = `{ $field }` n'est pas une option de cette commande.
input-uri = `{ $field }` doit être un lien https ou une image envoyée.
input-text = `{ $field }` doit être du texte (tu as mis { $value }).
input-ignored_with_image = `{ $field }` ne peut pas être utilisé avec `image` : le résultat garde la taille de ton image, alors laisse `width` et `height` de côté.
input-invalid = `{ $field }` a une valeur que cette commande ne peut pas utiliser.
attachment-type = `{ $field }` doit être une image PNG, JPEG ou WebP (ce fichier est { $content_type }).
attachment-too_large = `{ $field }` fait { $size_mib } Mio ; la limite est de { $limit_mib } Mio. Envoie une image plus petite.
attachment-dimensions = `{ $field }` fait { $width }×{ $height } ; chaque côté doit faire entre { $min } et { $max } pixels.
attachment-mask_size = `mask` fait { $mask_width }×{ $mask_height } mais `image` fait { $width }×{ $height } : le masque doit avoir exactement la taille de l'image.
attachment-unreadable = `{ $field }` ne ressemble pas à une image que Discord peut lire. Envoie un PNG ou un JPEG.
policy-safety_checker = `disable_safety_checker` ne fonctionne que dans les salons avec limite d'âge où la modération l'a activé.

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate a refusé le jeton d'API. Vérifie REPLICATE_API_TOKEN (et REPLICATE_API_BASE si tu passes par un relais).
replicate-payment_required = Le compte Replicate n'a plus de crédit : aucune image n'a été créée et rien n'a été décompté. Demande au propriétaire du bot de le recharger.
replicate-invalid_input = Replicate a refusé ces options : { $detail }
replicate-invalid_version = Replicate ne connaît pas la version du modèle indiquée dans SDXL_MODEL ({ $detail }).
replicate-rate_limited =
    { $seconds ->
        [one] Replicate est très sollicité en ce moment (limite de débit). Réessaie dans environ { $seconds } seconde.
       *[other] Replicate est très sollicité en ce moment (limite de débit). Réessaie dans environ { $seconds } secondes.
    }
replicate-unavailable = Impossible de joindre Replicate ({ $detail }). Rien n'a été décompté ; réessaie dans une minute.
replicate-create_unknown = Replicate n'a pas confirmé la demande ({ $detail }), on ne sait donc pas si l'image a démarré. Elle n'a pas été renvoyée, pour que rien ne tourne ni ne soit décompté deux fois.
replicate-protocol = Replicate a envoyé une réponse que le bot n'a pas pu lire ({ $detail }).
replicate-http = Replicate a répondu { $status } { $title } : { $detail }
prediction-nsfw = Le filtre de sécurité a signalé toutes les images : aucune ne peut être affichée et rien n'a été décompté. Essaie un autre prompt.
prediction-failed = Le modèle a échoué : { $detail }
prediction-canceled = La génération a été annulée. Rien n'a été décompté.
prediction-timeout = La génération a duré plus de { $seconds } s et a été arrêtée. Rien n'a été décompté ; réessaie, peut-être avec moins d'étapes ou d'images.
prediction-no_output = Le modèle s'est terminé sans renvoyer d'image.
output-host_not_allowed = Une image générée est hébergée sur { $host }, qui n'est pas dans OUTPUT_HOSTS ; elle n'a pas été téléchargée.
output-insecure = Le lien d'une image générée n'est pas en https ({ $scheme }) ; elle n'a pas été téléchargée.
output-too_large = Une image générée dépasse { $limit_mib } Mio ; elle n'a pas été téléchargée.
output-unreadable = Une image générée n'a pas pu être téléchargée ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] Tu as demandé { $asked } image
       *[other] Tu as demandé { $asked } images
    } mais il ne t'en reste que { $left } sur { $limit } aujourd'hui. Ton quota se renouvelle <t:{ $resets }:R>. Rien n'a été décompté.
quota-guild_cap =
    { $cap ->
        [one] Ce serveur a déjà utilisé la { $cap } image qu'il peut créer aujourd'hui.
       *[other] Ce serveur a déjà utilisé les { $cap } images qu'il peut créer aujourd'hui.
    } Le quota se renouvelle <t:{ $resets }:R>. Rien n'a été décompté.
quota-banned = La modération t'a empêché de générer des images sur ce serveur. Demande-lui si tu penses que c'est une erreur.
policy-channel = La génération d'images n'est pas activée dans ce salon. Essaie dans { $channels }.
policy-blocked = Ce prompt contient quelque chose que la modération de ce serveur n'autorise pas. Reformule-le et réessaie ; rien n'a été décompté.
jobs-too_many =
    { $count ->
        [one] Tu as déjà { $count } génération en cours ; attends qu'elle se termine.
       *[other] Tu as déjà { $count } générations en cours ; attends que l'une d'elles se termine.
    }
jobs-queue_full = La file d'attente est pleine ({ $count } en attente). Rien n'a été décompté ; réessaie dans quelques minutes.
jobs-not_found = Le bot ne connaît plus cette génération.
jobs-shutting_down = Le bot redémarre et n'accepte pas de nouvelles demandes pour le moment. Rien n'a été décompté ; réessaie dans une minute.
review-too_many =
    { $count ->
        [one] Tu as déjà { $count } demande en attente de la modération. Attends sa décision avant d'en envoyer une autre du même genre.
       *[other] Tu as déjà { $count } demandes en attente de la modération. Attends sa décision avant d'en envoyer une autre du même genre.
    }
review-cooldown =
    { $seconds ->
        [one] Une de tes demandes vient d'être envoyée à la modération. Réessaie dans { $seconds } seconde.
       *[other] Une de tes demandes vient d'être envoyée à la modération. Réessaie dans { $seconds } secondes.
    }

## Errors at the Discord edge

errors-reply_unavailable = Le message et le salon de la demande n'existent plus ; elle a été arrêtée et remboursée.
errors-unexpected = Quelque chose s'est mal passé de notre côté. C'est consigné ; indique la référence { $reference } si tu le signales.
errors-not_allowed = Tu n'as pas la permission d'utiliser cette commande ici.
errors-guild_only = Cette commande ne fonctionne que sur un serveur.

## The live status message

status-queued = ⏳ En file d'attente : position { $position }
status-queued_long =
    { $minutes ->
        [one] ⏳ La file d'attente est chargée : tu es numéro { $position }, encore environ { $minutes } minute. Rien n'est décompté si tu annules.
       *[other] ⏳ La file d'attente est chargée : tu es numéro { $position }, encore environ { $minutes } minutes. Rien n'est décompté si tu annules.
    }
status-submitting = 📨 Envoi au modèle…
status-starting = 🚀 Démarrage (le modèle se prépare) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent } % · étape { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· encore environ { $seconds } s
status-phase-base = Modèle de base
status-phase-refiner = Raffineur
status-finishing = ✨ Finalisation : décodage et vérification des images · { $elapsed }
status-paused = ⏸ Le bot redémarre. Cette demande est conservée et reprendra dans ce salon à son retour.
status-upload_failed = ❌ Les images n'ont pas pu être envoyées ici. Rien n'a été décompté ; essaie avec moins d'images ou des images plus petites.
status-moved = { $mention } ta demande continue ici (le délai de réponse de Discord est écoulé).
status-continued = ➡️ Suite dans un nouveau message : { $link }
status-resumed = { $mention } le bot a redémarré ; ta demande continue ici.
status-delivering = 📦 Envoi des images…
status-canceling = 🛑 Annulation… Rien n'est décompté, sauf si les images sont déjà faites.
status-queued_expiring = ⏳ Toujours en file d'attente, en position { $position }. Le délai de réponse de Discord se termine : les images seront publiées dans ce salon quand ce sera ton tour.
status-failed = ❌ Pas d'images : { $reason }
status-canceled = 🛑 Annulé. Rien n'a été décompté.

## The result

result-title = Terminé en { $seconds } s
result-negative_prompt = Prompt négatif
result-seed = Graine
result-size = Taille
result-size_from_image = celle de l'image
result-steps = Étapes
result-scheduler = Planificateur
result-guidance = Guidage
result-refine = Raffineur
result-mode = Mode
result-dropped =
    { $dropped ->
        [one] { $dropped } image sur { $requested } a été retenue par le filtre de sécurité.
       *[other] { $dropped } images sur { $requested } ont été retenues par le filtre de sécurité.
    }
result-too_late_to_cancel = Les images étaient terminées avant l'arrivée de l'annulation : elles ont donc été livrées et décomptées.
result-missing =
    { $missing ->
        [one] { $missing } image sur { $requested } n'a pas pu être téléchargée et a été remboursée.
       *[other] { $missing } images sur { $requested } n'ont pas pu être téléchargées et ont été remboursées.
    }
result-reencoded = Certaines images ont été réencodées en JPEG pour respecter la limite d'envoi de Discord.
delivery-fallback = { $mention } tes images sont prêtes (la réponse d'origine ne pouvait plus être modifiée).

## Answers to the buttons

button-not_yours = Seul le membre qui l'a demandé, ou la modération, peut faire ça.
button-canceling = Annulation…
button-already_canceling = Cette demande est déjà en cours d'annulation.
button-already_finished = Cette demande est déjà terminée ; il n'y a rien à annuler.
button-no_image = Cette image n'est plus jointe au message.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = Ton prompt a été envoyé à la modération pour examen. S'il est approuvé, les images apparaîtront dans ce salon et tu seras mentionné. Rien n'a été décompté.
review-modlog = 🔎 Retenu pour examen : { $member } dans { $channel } (correspond à `{ $entry }`) : { $prompt }
review-approved_by = ✅ Approuvé par { $moderator }
review-denied_by = ❌ Refusé par { $moderator }
review-already_decided = Un autre membre de la modération a déjà tranché sur cette demande.
review-approved_note = { $member } la modération a approuvé ta demande d'image ; ça arrive.
review-denied_note = { $member } la modération a refusé ta demande d'image. Rien n'a été décompté.
modlog-matched = {" "}(correspond à `{ $entry }`)
modlog-gate_refused = 🚫 Prompt refusé de { $member } dans { $channel } : { $reason } Prompt : { $prompt }
modlog-action = 🛡️ { $moderator } : { $action }
moderation-check_unfinished = (la vérification de la liste de blocage n'a pas abouti à temps)

## /quota and /history

quota-view-title = **Tes images aujourd'hui**
quota-view-counts = Utilisées : **{ $used }** · En cours : **{ $in_progress }** · Restantes : **{ $left }** sur { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Quota quotidien : { $allowance } image ({ $source })
       *[other] Quota quotidien : { $allowance } images ({ $source })
    }
quota-view-granted = Bonus accordé par la modération aujourd'hui : +{ $granted }
quota-view-forgiven = Effacé par la modération aujourd'hui : { $reset }
quota-view-resets = Renouvellement <t:{ $resets }:R> (minuit UTC)
quota-source-member = fixé pour toi par la modération
quota-source-role = venant de ton rôle
quota-source-guild = par défaut sur ce serveur
quota-source-default = par défaut du bot
history-title = Tes dernières générations sur ce serveur
history-empty = Tu n'as encore généré aucune image sur ce serveur. Essaie `/imagine`.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Quota : { $quota }
history-no_prompt = (pas de prompt)
history-images =
    { $count ->
        [one] { $count } image
       *[other] { $count } images
    }
history-state-running = ⏳ en cours
history-state-done = ✅ terminé
history-state-failed = ❌ échoué
history-state-canceled = 🛑 annulé
history-quota-none = rien de décompté
history-quota-separator = ,{" "}
history-quota-reserved = { $count } réservées
history-quota-charged = { $count } décomptées
history-quota-refunded = { $count } remboursées ({ $causes })
history-quota-held = { $count } encore réservées
history-cause-safety = filtre de sécurité
history-cause-canceled = annulé
history-cause-timeout = délai dépassé
history-cause-not_delivered = non livré
history-cause-failed = échoué

## /usage

usage-title = Utilisation des images sur ce serveur
usage-period = Jours UTC du { $first } au { $last }
usage-today = Aujourd'hui : { $value }
usage-period_total = Total sur { $days } jours : { $value }
usage-images = Images livrées
usage-failures = Échecs et annulations
usage-failures-count = { $failed } échouées · { $canceled } annulées · { $jobs } au total
usage-gpu = Temps GPU et coût estimé
usage-gpu-value = { $seconds } s ≈ { $cost } $ US
usage-top_today = Membres les plus actifs aujourd'hui (images)
usage-top_period = Membres les plus actifs, total sur { $days } jours (images)
usage-top-entry = { $rank }. { $member } : { $images }
usage-top-none = Personne pour l'instant
usage-footer = Coût estimé à { $price } $ US par seconde de GPU (PRICE_PER_GPU_SECOND). Les jours sont en UTC.

## /mod answers

mod-needs_manage_server = Seuls les membres avec « Gérer le serveur » peuvent changer qui modère, le salon du journal de modération ou l'interrupteur du filtre de sécurité.
mod-role_everyone = @everyone ne peut pas être le rôle de modération : tout le monde modérerait. Choisis un rôle que seule la modération possède.
mod-role_managed = Ce rôle est géré par un bot ou une intégration, donc personne ici ne choisit ses membres. Choisis un rôle propre au serveur.
mod-done-allowance_member =
    { $images ->
        [one] Le quota quotidien de { $member } est maintenant de { $images } image.
       *[other] Le quota quotidien de { $member } est maintenant de { $images } images.
    }
mod-done-allowance_member_removed = { $member } n'a plus de quota propre ; ses rôles ou la valeur par défaut du serveur s'appliquent.
mod-done-allowance_role =
    { $images ->
        [one] Les membres ayant { $role } ont maintenant { $images } image par jour (sauf si la modération leur a fixé un quota propre).
       *[other] Les membres ayant { $role } ont maintenant { $images } images par jour (sauf si la modération leur a fixé un quota propre).
    }
mod-done-allowance_role_removed = { $role } ne donne plus de quota quotidien.
mod-done-allowance_guild =
    { $images ->
        [one] Le quota quotidien par défaut de ce serveur est maintenant de { $images } image.
       *[other] Le quota quotidien par défaut de ce serveur est maintenant de { $images } images.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] Le quota quotidien par défaut de ce serveur a été retiré ; celui du bot, { $images } image, s'applique.
       *[other] Le quota quotidien par défaut de ce serveur a été retiré ; celui du bot, { $images } images, s'applique.
    }
mod-done-grant =
    { $images ->
        [one] { $member } a reçu { $images } image en plus pour aujourd'hui.
       *[other] { $member } a reçu { $images } images en plus pour aujourd'hui.
    }
mod-done-grant_reason =
    { $images ->
        [one] { $member } a reçu { $images } image en plus pour aujourd'hui.
       *[other] { $member } a reçu { $images } images en plus pour aujourd'hui.
    } Raison : { $reason }
mod-done-reset =
    { $images ->
        [one] Utilisation du jour de { $member } remise à zéro : { $images } image effacée.
       *[other] Utilisation du jour de { $member } remise à zéro : { $images } images effacées.
    }
mod-done-ban = { $member } ne peut plus générer d'images sur ce serveur. Raison : { $reason }
mod-done-unban = { $member } peut de nouveau générer des images.
mod-done-block_added = Le mot { $pattern } a été ajouté à la liste de blocage.
mod-done-block_added_regex = L'expression régulière { $pattern } a été ajoutée à la liste de blocage.
mod-done-block_removed = { $pattern } a été retiré de la liste de blocage.
mod-done-block_mode_refuse = Les prompts qui correspondent à la liste de blocage sont désormais refusés.
mod-done-block_mode_review = Les prompts qui correspondent à la liste de blocage sont désormais retenus pour examen dans le salon du journal de modération (sans ce salon, ils sont refusés).
mod-done-channel_allowed = /imagine peut désormais être utilisé dans { $channel }. Salons autorisés : { $channels }.
mod-done-channel_removed = /imagine ne peut plus être utilisé dans { $channel }. Salons autorisés : { $channels }.
mod-done-channel_removed_last = { $channel } était le dernier salon autorisé, la restriction est donc levée : /imagine peut désormais être utilisé dans tous les salons.
mod-done-channels_all = /imagine peut désormais être utilisé dans tous les salons.
mod-done-safety_on = Les membres peuvent désormais désactiver le filtre de sécurité dans les salons avec limite d'âge.
mod-done-safety_off = Les membres ne peuvent plus désactiver le filtre de sécurité.
mod-done-modlog_set = Les actions de modération et les prompts refusés sont désormais publiés dans { $channel }.
mod-done-modlog_off = Le journal de modération est désormais désactivé.
mod-done-role_set = Les membres ayant { $role } peuvent désormais utiliser les commandes de modération.
mod-done-role_none = Il n'y a plus de rôle de modération ; seul « Gérer le serveur » donne accès aux commandes de modération.
mod-done-cap_set =
    { $images ->
        [one] Ce serveur peut désormais créer au plus { $images } image par jour (UTC).
       *[other] Ce serveur peut désormais créer au plus { $images } images par jour (UTC).
    }
mod-done-cap_none = Ce serveur n'a plus de limite quotidienne.
mod-blocklist-empty = La liste de blocage est vide. Ajoute des entrées avec `/mod blocklist add`.
mod-blocklist-title =
    { $count ->
        [one] **Liste de blocage** ({ $count } entrée ; prompts correspondants : { $mode })
       *[other] **Liste de blocage** ({ $count } entrées ; prompts correspondants : { $mode })
    }
mod-blocklist-regex = (expression régulière)
mod-blocklist-more = … et { $count } de plus
mod-channels-everywhere = /imagine peut être utilisé dans tous les salons.
mod-channels-listed = /imagine ne peut être utilisé que dans : { $channels }
mod-mode-refuse = refuser
mod-mode-review = retenir pour examen
mod-refused-not_banned = { $member } n'est pas banni ; rien n'a changé.
mod-refused-duplicate = { $pattern } est déjà dans la liste de blocage ; rien n'a changé.
mod-refused-not_listed = { $pattern } n'est pas dans la liste de blocage ; rien n'a changé. `/mod blocklist list` affiche les entrées.
mod-refused-no_restriction = /imagine n'est limité à aucun salon, donc { $channel } ne peut pas être retiré ; rien n'a changé. Utilise `/mod channels allow` pour choisir les salons.
mod-refused-channel_not_listed = { $channel } n'est pas un salon autorisé ; rien n'a changé. Autorisés : { $channels }.
moderation-bad_regex = Cette expression régulière ne se compile pas avec RE2, le moteur d'expressions régulières du bot : { $detail }
moderation-regex_backreference = Cette expression régulière fait référence à un groupe précédent ({ $detail }). Le moteur du bot (RE2) fonctionne en temps linéaire et n'a pas de références arrière : écris le texte répété en entier, par exemple `(ab)\1` devient `abab`.
moderation-regex_lookaround = Cette expression régulière utilise une assertion avant ou arrière ({ $detail }), que le moteur du bot (RE2) ne prend pas en charge. Les entrées correspondent déjà n'importe où dans le prompt : retire l'assertion, ou utilise `\b` pour une limite de mot.
moderation-regex_possessive = Cette expression régulière utilise un quantificateur possessif ou un groupe atomique ({ $detail }). Le moteur du bot (RE2) ne revient jamais en arrière, ils sont donc inutiles : écris `a+` au lieu de `a++` ou `(?>a+)`.
moderation-regex_conditional = Cette expression régulière utilise un groupe conditionnel ({ $detail }), que le moteur du bot (RE2) ne prend pas en charge. Ajoute chaque alternative comme une entrée à part.
moderation-regex_too_big = Cette expression régulière est trop grande pour le moteur du bot (RE2) : { $detail }. Les répétitions vont jusqu'à 1000 ; utilise un nombre plus petit ou simplement `+`.
moderation-blocklist_full =
    { $max ->
        [one] La liste de blocage a déjà { $max } entrée ; retire-la d'abord.
       *[other] La liste de blocage a déjà { $max } entrées ; retire-en d'abord quelques-unes.
    }
