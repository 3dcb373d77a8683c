import re
from dataclasses import dataclass

import numpy as np

# Themes that recur in English safeguarding practice reviews (national panel reports and local
# child safeguarding practice reviews). They seed the clustering so that the themes a
# principal social worker recognises come out with stable keys; the data can still empty a
# seed or add themes of its own. Cues are regular-expression fragments matched against
# normalised text (see text.normalise) at a word start; weight 3 is a near-certain cue, 1 a
# weak one that is shared with other themes.


@dataclass(frozen=True)
class SeedTheme:
    key: str
    title: str
    cues: tuple[tuple[str, int], ...]


SEED_THEMES: tuple[SeedTheme, ...] = (
    SeedTheme(
        "information-sharing",
        "Information sharing between agencies",
        (
            (r"information sharing", 3), (r"shar(e|ed|ing) (the )?(info|information|concerns?)", 3),
            (r"info sharing", 3), (r"consent to share", 3), (r"gdpr", 3), (r"data protection", 3),
            (r"passed (on|to)", 2), (r"not (been )?(told|informed)", 2), (r"nobody told", 2),
            (r"(didnt|did not|wasnt|was not|never) (tell|told|share|shared|know|informed)", 2),
            (r"notification", 2), (r"secure e-?mail", 3), (r"e-?mail", 1), (r"inbox", 2),
            (r"letters?", 1), (r"mash\b", 2), (r"multi.?agency", 1), (r"agencies", 1),
            (r"joined up", 1), (r"(phone|rang|ring|call)(ed)?", 1), (r"copied (us )?in", 2),
            (r"shar(e|ed|ing)", 2), (r"knew\b", 1), (r"portal", 2), (r"checks", 1),
            (r"flag(ged)?", 1), (r"liaison", 2), (r"(same|one) route", 2),
            (r"liais", 2), (r"fed back|feedback", 1), (r"(was|were) (not )?(un)?aware", 2),
            (r"unaware", 2), (r"confidential", 2), (r"agency checks", 3), (r"notified", 2),
            (r"communication between", 3), (r"(safeguarding lead|dsl)\b", 1), (r"updates?", 1),
            (r"(full|whole|same) picture", 3), (r"piec(e|ing|ed) (it |this )?together", 2),
            (r"silos?\b", 3), (r"single.?agency", 2), (r"across agencies", 2),
            (r"(talk|talking|speak|speaking) to each other", 3),
            (r"communicat(e|ion|ing) (with|between)", 2),
            (r"(health|police|school|gp) (records|information|info)", 2),
            (r"(wasnt|was not|never|not) (shared|passed on|sent)", 3),
        ),
    ),
    SeedTheme(
        "voice-of-the-child",
        "Voice and lived experience of the child",
        (
            (r"voice of the child", 3), (r"childs? (own )?(voice|views?|words?)", 3),
            (r"lived experience", 3), (r"seen alone", 3),
            (r"see(n|ing)? (her|him|them|the child) alone", 3),
            (r"on (her|his|their) own", 2), (r"alone\b", 1), (r"wishes and feelings", 3),
            (r"direct work", 3), (r"advocate", 2), (r"day in the life", 3), (r"non.?verbal", 3),
            (r"three houses", 3),
            (r"(asked|ask|asking) (the )?(child|her|him|young person|teenager|kids)", 2),
            (r"(child|she|he|young person|teenager|boy|girl) (told|said)", 2), (r"views?\b", 2),
            (r"listen", 2), (r"heard", 1), (r"what (it|life) is like", 3),
            (r"(drew|draw|drawing)", 2),
            (r"communicat", 1), (r"observ", 1), (r"bedroom", 1), (r"what (she|he) wanted", 2),
            (r"in (her|his) own (words|space)", 3), (r"invisible", 1), (r"quote", 2),
            (r"child.?centred", 3), (r"(childs?|their) perspective", 3), (r"what matters to", 3),
            (r"body language", 2), (r"play(ed|ing)?\b", 1), (r"wishes", 2), (r"feelings", 2),
            (r"seen and heard", 3), (r"daily (life|routine)", 2), (r"presentation", 1),
            (r"worries", 1),
            (r"(childs?|her|his|their) (account|experience)", 2), (r"in (their|her|his) shoes", 3),
            (r"what (was|is) it like", 3),
            (
                r"(spoke|talk|talked|spoken|speak) (to|with) "
                r"(the )?(child|her|him|young person|boy|girl)",
                2,
            ),
            (r"one to one", 2), (r"all about me|my world|mind of my own", 3), (r"young carer", 2),
            (r"(unhappy|scared|frightened|upset)", 1), (r"(cry|crying|cried)", 1),
        ),
    ),
    SeedTheme(
        "hidden-men",
        "Hidden men: fathers and partners",
        (
            (r"hidden m[ae]n", 3), (r"unseen m[ae]n", 3), (r"fathers?", 2), (r"dads?\b", 2),
            (r"step.?(dad|father)", 3), (r"(mums?|mothers?) partner", 3), (r"new partner", 3),
            (r"boyfriend", 2), (r"partner", 1), (r"male carer", 3), (r"m[ae]n\b", 2),
            (r"paternal", 3), (r"uncle", 2), (r"who (else )?(lives|comes|sleeps)", 3),
            (r"household (members|composition)", 3), (r"parental responsibility", 2),
            (r"single parent", 2), (r"genogram", 2), (r"surname", 2), (r"alias", 2),
            (r"pnc\b", 2), (r"his (history|convictions?|past)", 2), (r"males?\b", 2),
            (r"father figure", 3), (r"(absent|birth|putative) father", 3),
            (r"significant (male|man)", 3), (r"step.?parent", 2), (r"paternity", 3),
            (r"co.?parent", 2), (r"grandfather|grandad", 1), (r"(his|the mans?) (role|risk)", 2),
            (r"(new|another|different) (man|men|boyfriend)", 3),
            (r"(man|men) in (the|her) life", 3), (r"(ex|former) partner", 1),
            (r"fathers (view|role|involvement|side)", 3),
            (r"(engage|engaging|involve|involving|include|including) (the )?father", 3),
            (r"(didnt|never|not) (see|seen|meet|met) (the )?(father|partner)", 3),
        ),
    ),
    SeedTheme(
        "neglect-and-drift",
        "Neglect and drift",
        (
            (r"neglect", 3), (r"drift", 3), (r"home conditions", 3), (r"start again", 3),
            (r"cumulative", 3), (r"graded care profile", 3), (r"gcp\b", 3), (r"dirty", 2),
            (r"hungry", 2), (r"hygiene", 2), (r"head lice", 3), (r"unkempt", 3), (r"smell", 2),
            (r"tooth decay|dental|teeth", 2), (r"centile", 2), (r"milestones", 2), (r"mould", 2),
            (r"(same|no) change", 2), (r"nothing (has )?changed", 2), (r"years?", 1),
            (r"long.?term", 1), (r"re.?referr", 2), (r"repeat(ed)? referral", 2),
            (r"extended", 2), (r"plo|pre.?proceedings", 2), (r"stuck", 2),
            (r"wait(ing)? (and|to) see", 3),
            (r"no beds?", 2), (r"clothes|coat", 1), (r"(cleaning|clean)", 1), (r"food|meals", 1),
            (r"toolkit", 2), (r"attendance", 1), (r"normalis", 2), (r"chronic", 2),
            (r"poverty", 1), (r"malnourish", 3), (r"failure to thrive", 3), (r"weight loss", 2),
            (r"infest", 3), (r"faeces|dog mess|rubbish|clutter|hoard", 3), (r"bed ?bugs", 3),
            (r"no food", 3), (r"unwashed", 3), (r"immunisation", 2), (r"(was )?not brought", 3),
            (r"persistent(ly)? absen", 2), (r"over (many )?years", 2),
            (r"plans? (was |were )?(rolled over|repeated)", 3),
            (r"basic (care|needs)", 3), (r"physical needs", 2),
            (r"(emotional|medical|educational) neglect", 3),
            (r"home alone|left alone|unsupervised", 2), (r"dishevel", 3),
            (r"soiled|nappy rash|nappies", 2), (r"no heating|cold house", 2),
            (r"pattern of (concerns|referrals)", 2), (r"repeat(ed)? (concerns|referrals)", 2),
            (r"long.?standing", 2), (r"reopened", 2),
        ),
    ),
    SeedTheme(
        "curiosity-and-compliance",
        "Professional curiosity and disguised compliance",
        (
            (r"curio", 3), (r"disguised compliance", 3), (r"complian", 2), (r"face value", 3),
            (r"(took|take|taking) (her|his|their) word", 3), (r"respectful uncertainty", 3),
            (r"optimis", 3), (r"explanations?", 2), (r"(accepted|accept|believed|believing)", 2),
            (r"(didnt|did not|never) ask", 2), (r"asked why", 3),
            (r"ask(ed)? (the )?(second|next) question", 3),
            (r"inconsisten", 2), (r"stor(y|ies)\b", 2), (r"all the right things", 3),
            (r"hypothes", 3),
            (r"assum", 1), (r"(explained|explain) away", 3), (r"fresh (eyes|look)", 2),
            (r"noticed", 1), (r"spotted", 1), (r"cooperative|co-operative", 2), (r"warm\b", 1),
            (r"pattern of avoidance|avoid(ance|ed|ing)?", 1), (r"think(ing)? critically", 3),
            (r"(check|checked|checking)", 1), (r"certificates?", 2), (r"(liked|likeable)", 2),
            (r"too trusting", 3), (r"sceptic|skeptic", 3), (r"think(ing)? the unthinkable", 3),
            (r"gut (feeling|instinct)", 2), (r"dig(ging)? deeper", 3), (r"probe|probing", 2),
            (r"what if", 2), (r"verif", 2), (r"triangulat|corroborat|cross.?check", 3),
            (r"plausib", 2), (r"superficial", 2), (r"going through the motions", 3),
            (r"token (engagement|compliance)", 3), (r"why\b", 1),
           
            (
                r"(didnt|did not|never) (question|probe|challenge) "
                r"(the|her|his|their) (account|explanation|story|version)",
                3,
            ),
            (r"(seemed|appeared|looked) (fine|ok|okay|well)", 2), (r"presented well", 2),
            (r"(told|tell) us what we wanted", 3), (r"minimis", 2), (r"den(y|ied|ial)", 1),
            (
                r"(open|opened|check|checked|look in|looked in) "
                r"(the )?(fridge|cupboards|bedrooms?)",
                2,
            ),
            (r"unannounced", 1),
        ),
    ),
    SeedTheme(
        "domestic-abuse",
        "Domestic abuse",
        (
            (r"domestic (abuse|violence)", 3), (r"da\b", 3), (r"dv\b", 3), (r"dash\b", 3),
            (r"marac\b", 3),
            (r"idva\b", 3), (r"coerci", 3), (r"controll?(ing)?", 2), (r"perpetrator", 3),
            (r"victims?", 2), (r"refuge", 3), (r"violen", 2), (r"non.?molestation", 3),
            (r"clares law", 3), (r"operation encompass", 3), (r"ppn\b", 2), (r"safety plan", 2),
            (r"separat", 1), (r"(hit|hitting|hurt|hurting|assault)", 2), (r"abusive", 3),
            (r"stalking", 3), (r"honour.?based", 3), (r"safe and together", 3),
            (r"failure to protect", 3), (r"relationship", 1), (r"ex.?partner", 2),
            (r"police (were )?called", 2),
            (r"incident", 1), (r"angry|anger", 1),
            (r"intimate partner", 3), (r"ipv\b", 3), (r"jealous", 2), (r"threat", 1),
            (r"strangul|choked|strangled", 3), (r"bail conditions", 3),
            (r"restraining order|injunction", 3), (r"matac\b", 3), (r"fle(e|d|eing)\b", 2),
            (r"victim blaming", 3), (r"respect programme", 3), (r"domestic incident", 3),
            (r"(shouting|arguing|arguments?)", 1),
            (r"(punched|kicked|slapped|pushed|grabbed)", 2), (r"black eye", 2),
            (r"police (attended|call.?out)", 2), (r"call.?outs?", 1),
            (r"(fear|afraid|scared|frightened) of (him|her partner|father|partner)", 3),
            (r"walking on eggshells", 3), (r"isolat(ed|ing|ion)", 1),
            (r"(controls?|controlled|controlling) (the )?(money|finances|phone)", 3),
            (r"tracking (her|his)", 2),
        ),
    ),
    SeedTheme(
        "mental-health-and-substances",
        "Parental mental health and substance misuse",
        (
            (r"mental (health|illness)", 3), (r"depress", 3), (r"anxi", 2), (r"psychos", 3),
            (r"bipolar", 3), (r"personality disorder", 3), (r"suicid", 3), (r"self.?harm", 1),
            (r"sectioned", 3), (r"perinatal", 3), (r"post.?natal", 3), (r"alcohol", 3),
            (r"drink", 3), (r"drunk", 3), (r"drugs?", 3), (r"substance", 3), (r"cannabis", 3),
            (r"cocaine", 3), (r"heroin", 3), (r"methadone", 3), (r"relapse", 3), (r"recovery", 2),
            (r"detox", 3), (r"hair strand", 3), (r"breathalys", 3), (r"toxic trio", 3),
            (r"dual diagnosis", 3), (r"medication", 2), (r"gambl", 3), (r"addict", 3),
            (r"spice\b", 3), (r"vodka|beer|wine", 3), (r"using\b", 1), (r"clean\b", 1),
            (r"psych", 2),
            (r"dementia", 2), (r"withdrawal", 2),
            (r"overdose", 3), (r"crisis team", 3), (r"psychiatr", 3), (r"schizo", 3), (r"ptsd", 3),
            (r"eating disorder", 2), (r"low mood", 3), (r"cmht\b|amhs\b", 3),
            (r"ketamine|mdma|amphetamine|crack|weed|opiat|naloxone", 3), (r"pills", 2),
            (r"sober|abstinen", 3), (r"intoxicat|under the influence|hungover", 3),
            (r"mental (state|wellbeing)", 3),
            (r"(poor|fragile|declining) mental", 3), (r"antidepressant", 3), (r"self.?medicat", 3),
            (r"smell(ed|s)? of (alcohol|cannabis|weed|drink)", 3),
            (r"paraphernalia|needles|foils", 3), (r"ocd\b|pnd\b", 3), (r"mental health act", 3),
        ),
    ),
    SeedTheme(
        "supervision-and-caseloads",
        "Supervision and caseload pressure",
        (
            (r"supervis", 3), (r"case ?loads?", 3), (r"workloads?", 3), (r"\d+ cases", 3),
            (r"capacity", 2), (r"burn.?out", 3), (r"stress", 2), (r"tired|exhausted", 2),
            (r"sickness|off sick", 2), (r"turnover", 3), (r"agency staff", 3), (r"locum", 3),
            (r"vacanc", 3), (r"reflect", 2), (r"management oversight", 3), (r"oversight", 2),
            (r"asye\b", 3), (r"newly qualified|nqsw", 3), (r"protected caseload", 3),
            (r"peer support", 3), (r"debrief", 3), (r"vicarious", 3), (r"wellbeing", 2),
            (r"too many (meetings|cases)", 3), (r"(my|team|the) manager", 1), (r"covering", 2),
            (r"worked through lunch|overtime|late night", 3), (r"support(ed)?", 1),
            (r"senior practitioner", 2), (r"allocat|reallocat", 1), (r"cancelled", 1),
            (r"morale", 3), (r"overwhelm", 2), (r"retention|recruit", 3),
            (r"staffing|short.?staffed", 3), (r"unallocated", 2), (r"backlog", 3), (r"pressure", 2),
            (r"demand", 1), (r"(time|space) to (think|reflect)", 3), (r"headspace", 3),
            (r"mentor|coaching", 2), (r"induction", 2), (r"team meeting", 1),
            (r"emotional(ly)? (toll|impact|support)", 2),
            (r"(no|little|not enough) time (to|for)", 2), (r"rushed|rushing", 1),
            (r"fire.?fighting", 3), (r"(too|so) busy", 2), (r"staff (shortages?|changes)", 3),
            (r"(manager|supervisor) (was )?(unavailable|on leave|off)", 2),
            (r"(practice|case) (consultation|discussion)", 2), (r"(emotional|personal) impact", 2),
            (r"new starter", 2),
        ),
    ),
    SeedTheme(
        "recording-and-systems",
        "Recording and case-management systems",
        (
            (r"recording", 3), (r"records?", 2), (r"case ?notes?", 3), (r"systems?", 2),
            (r"case management", 3), (r"forms?\b", 2), (r"templates?", 2), (r"screens?\b", 3),
            (r"fields?\b", 3), (r"drop.?down", 3), (r"mandatory", 3), (r"dashboard", 3),
            (r"data\b", 1),
            (r"laptops?", 3), (r"vpn\b", 3), (r"apps?\b", 2), (r"sync", 3), (r"upload", 3),
            (r"attachments?", 3), (r"scanned", 3), (r"search", 2), (r"duplicate", 3),
            (r"chronolog", 1), (r"cop(y|ied) and past", 3), (r"(on|the) file", 2), (r"summary", 1),
            (r"typ(e|ed|ing)( it)? up", 3), (r"paperwork", 2), (r"timed out", 3), (r"log.?in", 3),
            (r"crash", 3), (r"software", 3), (r"it (team|system)", 3), (r"alerts?", 2),
            (r"click", 3), (r"auto.?fill", 3), (r"migration|went live", 3),
            (r"written|write up", 1),
            (r"jargon", 1), (r"plain language", 1),
            (r"computer", 3), (r"database", 3), (r"spreadsheet", 3), (r"e.?forms?\b", 3),
            (r"workflow", 3), (r"tabs?\b|button", 3), (r"password", 3), (r"technolog|tech\b", 2),
            (r"document(ed|ation)", 2), (r"write.?ups?", 2), (r"print", 1), (r"audit", 1),
            (r"case (files?|records?)", 3), (r"(electronic|paper) records?", 3),
            (r"(not|wasnt|never) (recorded|written down|documented|uploaded)", 3),
            (r"(recorded|logged) (wrongly|incorrectly|in the wrong)", 3),
            (r"wrong (child|record|file)", 3), (r"(system|it) (was )?(down|slow)", 3),
            (r"remote access", 2), (r"tablet|mobile working", 2), (r"business support|admin\b", 2),
        ),
    ),
    SeedTheme(
        "escalation-and-challenge",
        "Escalation and professional challenge",
        (
            (r"escalat", 3), (r"challeng", 3), (r"disagree", 3), (r"dispute", 3),
            (r"resolution", 2), (r"professional (challenge|disagreement)", 3), (r"threshold", 1),
            (r"decision", 1), (r"nfa\b|no further action", 2), (r"step(ped)? down", 2),
            (r"senior manager|service manager|head of service", 2), (r"reconsider", 3),
            (r"second (opinion|look)", 3), (r"practice alert", 3), (r"speak(s)? up|spoke up", 3),
            (r"hierarch", 3), (r"dismissed", 2), (r"(refused|declined)", 2), (r"above my head", 3),
            (r"in writing", 2), (r"stuck to", 2), (r"(i|we) (was|were) (worried|right)", 1),
            (r"(she|he) was right", 2), (r"difficult", 1),
            (r"raised? (a |my |our )?concerns?", 1), (r"push(ed)? back", 3), (r"appeal", 2),
            (r"complain", 1), (r"consensus", 2), (r"protocol", 1), (r"stand firm|stood firm", 3),
            (r"confiden(ce|t) to (challenge|speak|question)", 3), (r"whistle.?blow", 3),
            (r"overruled|overturned", 3), (r"question(ed)? the (decision|plan)", 3),
            (r"(raise|raised|raising) (it|this) (with|to)", 2),
            (r"(went|go|going) (over|above) (their|his|her|my) head", 3),
            (r"stick(ing)? to (my|our|her|his) (view|guns)", 3),
            (r"formal(ly)? (raise|complaint|escalat)", 2), (r"conflict resolution", 3),
            (r"(professional|multi.?agency) (tension|conflict)", 3),
            (r"(felt|feel) (unable|able) to (challenge|question|say)", 3),
            (r"intimidated|powerless|unheard", 2),
        ),
    ),
    SeedTheme(
        "transitions",
        "Transitions: moves, school changes and leaving care",
        (
            (r"transition", 3), (r"mov(e|ed|es|ing)", 2), (r"18(th)?\b", 2), (r"turn(ed|s)? 18", 3),
            (r"leaving care", 3), (r"care leaver", 3), (r"personal adviser", 3),
            (r"pathway plan", 3),
            (r"staying put", 3), (r"adult(s)? (services|mental health|team)", 2),
            (r"placements?", 2), (r"new school", 3), (r"(primary|secondary) school", 2),
            (r"year (7|1|6)", 2), (r"college", 2), (r"transfer", 2), (r"handover", 2),
            (r"out of area", 2),
            (r"(another|new|neighbouring) (local authority|la\b|area|borough)", 3),
            (r"relocat", 3), (r"reunification|return(ed|ing)? home", 2), (r"custody|released", 2),
            (r"home education", 3), (r"temporary accommodation", 3), (r"address", 1),
            (r"abroad", 2), (r"moving on", 3), (r"(fell|falling) off a cliff", 3), (r"nursery", 1),
            (r"house move|moving house", 3), (r"new (home|area|house)", 2), (r"cross.?border", 3),
            (r"out of borough", 3), (r"leaving school", 2),
            (r"change of (school|worker|social worker)", 3), (r"childrens to adults", 3),
            (r"adulthood", 3), (r"independen(t|ce) living|semi.?independen", 3),
            (r"supported accommodation", 3), (r"continuity", 2), (r"new (social )?worker", 2),
            (r"moving (school|area|home|out)", 2),
            (r"(new|different) (borough|county|authority)", 3),
            (r"(moved|moving) (away|abroad|out of)", 3),
            (r"gaps? (in|between) (services|support)", 3), (r"hand(ed)? over", 2),
            (r"(aged?|ageing) out", 3), (r"(turning|turns) (16|17|18)", 3), (r"post.?(16|18)", 3),
            (r"school (transition|move|change)", 3),
            (r"(starting|started|start) (secondary|primary|school|nursery|college)", 3),
            (r"(placement|foster) breakdown|broke down", 2),
            (r"(released|discharged) (from|to)", 2),
        ),
    ),
    SeedTheme(
        "strategy-and-s47",
        "Strategy meetings and s47 timeliness",
        (
            (r"strategy (meeting|discussion)", 3), (r"strategy", 2), (r"s47", 3),
            (r"child protection (enquiry|investigation)", 3), (r"enquir", 2), (r"icpc\b", 3),
            (r"initial (child protection )?conference", 3), (r"(child protection )?medical", 3),
            (r"paediatrician", 2), (r"abe\b", 3), (r"achieving best evidence", 3),
            (r"interview", 2),
            (r"joint (investigation|visit|working)", 2), (r"police", 1), (r"timescales?", 2),
            (r"working days", 3), (r"\d+ (days|hours)", 2), (r"within", 1), (r"delay", 2),
            (r"timel", 3), (r"minutes", 2), (r"threshold", 2), (r"conference", 1),
            (r"out of hours", 2), (r"same day", 1), (r"siblings", 1), (r"substantiated", 3),
            (r"chair", 1),
            (r"multi.?agency (strategy|meeting)", 2), (r"(police|joint) investigation", 2),
            (r"non.?accidental", 3), (r"skeletal survey", 3), (r"medical examination", 3),
            (r"time ?frames?", 2), (r"deadlines?", 2), (r"overdue", 2), (r"out of timescale", 3),
            (r"injur", 1), (r"bruis", 1), (r"enquiries", 2),
            (r"(ccpc|rcpc)\b|review conference", 2), (r"(within|in|after) (24|48|72) hours", 3),
            (r"(weeks?|days) (late|later)", 2), (r"convene", 3), (r"(was|were) held", 1),
            (r"visually recorded", 2),
        ),
    ),
    SeedTheme(
        "interpreters-and-culture",
        "Working with interpreters and culture",
        (
            (r"interpret", 3), (r"translat", 3), (r"languages?", 3), (r"english", 2),
            (r"dialect", 3), (r"bsl\b|sign language|deaf\b", 3), (r"cultur", 3), (r"faith", 3),
            (r"religio", 3), (r"imam|mosque|church|temple|gurdwara", 3), (r"heritage", 3),
            (r"ethnic", 3), (r"rac(e|ism|ist)\b", 2), (r"community", 1), (r"asylum", 2),
            (r"refugee", 2), (r"immigration|migrant", 2), (r"roma\b", 3), (r"traveller|gypsy", 3),
            (r"fgm\b|female genital", 3), (r"forced marriage", 3), (r"stereotyp", 3),

            (r"arabic|kurdish|polish|urdu|romanian|somali|bengali|punjabi|tigrinya", 3),
            (r"farsi|pashto|portuguese|lithuanian|turkish|albanian|vietnamese", 3),
            (r"lip.?read", 3), (r"understood|understand", 1), (r"discipline|chastisement", 2),
            (r"language barrier", 3), (r"eal\b|additional language", 3), (r"mother tongue", 3),
            (r"language line", 3), (r"diversit", 2), (r"ramadan|diwali|eid\b|christmas", 2),
            (r"muslim|sikh|hindu|jewish|christian|orthodox", 3), (r"black|asian|minorit", 2),
            (r"nrpf\b|no recourse", 3), (r"unaccompanied", 1), (r"(home|country of) origin", 2),
            (r"traditions?", 2),
            (r"(didnt|did not|couldnt|could not|doesnt) (speak|understand|read) english", 3),
            (r"(little|no|limited|poor) english", 3), (r"to (interpret|translate)", 3),
            (r"(cultural|religious) (norms|beliefs|practices?|needs)", 3),
            (r"(home|first) language", 3), (r"bilingual", 3), (r"accent", 2), (r"discriminat", 2),
        ),
    ),
)


class SeedMatcher:
    """Scores normalised text against each seed theme's cues."""

    def __init__(self, seeds: tuple[SeedTheme, ...] = SEED_THEMES) -> None:
        self.keys = tuple(seed.key for seed in seeds)
        self._cues = tuple(
            tuple(
                (re.compile(_WORD_START + "(?:" + cue + ")"), weight, literal_prefixes(cue))
                for cue, weight in seed.cues
            )
            for seed in seeds
        )
        # One pass with all of a theme's cues rules most themes out of a note at once.
        self._screens = tuple(
            re.compile(_WORD_START + "(?:" + "|".join(cue for cue, _ in seed.cues) + ")")
            if seed.cues
            else None
            for seed in seeds
        )

    def scores(self, normalised_texts: list[str]) -> np.ndarray:
        result = np.zeros((len(normalised_texts), len(self._cues)), dtype=np.float64)
        for row, text in enumerate(normalised_texts):
            if not text:
                continue
            for column, cues in enumerate(self._cues):
                screen = self._screens[column]
                if screen is None or not screen.search(text):
                    continue
                # Cues overlap, so each is tested; a substring test first is far cheaper than
                # the regular expression, and most cues start with words a note lacks.
                result[row, column] = sum(
                    weight
                    for pattern, weight, prefixes in cues
                    if (not prefixes or any(prefix in text for prefix in prefixes))
                    and pattern.search(text)
                )
        return result


_WORD_START = r"(?<![a-z0-9])"
_SPECIAL = frozenset("\\()[]{}|?*+.^$")
_QUANTIFIERS = frozenset("?*{")


def literal_prefixes(cue: str) -> tuple[str, ...]:
    """Fixed texts one of which starts every match of the cue; () when there are none."""
    alternatives = _split_top_level(cue)
    if len(alternatives) > 1:
        found = [literal_prefixes(alternative) for alternative in alternatives]
        return () if any(not prefixes for prefixes in found) else tuple(sum(found, ()))
    if cue.startswith("("):
        end = cue.find(")")
        group = cue[1:end]
        plain = end > 0 and not any(char in _SPECIAL - {"|"} for char in group)
        if not plain or cue[end + 1 : end + 2] in _QUANTIFIERS or not all(group.split("|")):
            return ()
        return tuple(group.split("|"))
    prefix = ""
    for char in cue:
        if char in _SPECIAL:
            # A quantifier makes the character before it optional.
            if char in _QUANTIFIERS:
                prefix = prefix[:-1]
            break
        prefix += char
    return (prefix,) if prefix else ()


def _split_top_level(cue: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in cue:
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]
