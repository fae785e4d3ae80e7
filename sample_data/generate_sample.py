#!/usr/bin/env python3
"""Generate the shipped sample product catalogue for EcomScript Studio.

Writes a small, fully synthetic catalogue in the exact Amazon Reviews 2023
JSON Lines layout (gzip-compressed), one metadata file and one review file per
category, to ``sample_data/amazon2023/``:

    meta_<Category>.jsonl.gz   product metadata, one JSON object per line
    <Category>.jsonl.gz        user reviews, one JSON object per line

Everything (brands, products, reviews, user ids, image ids) is invented and
derived from fixed seeds, so re-running the script produces byte-identical
files.  Standard library only, no network.

Usage:
    python sample_data/generate_sample.py            # write files + self-check
    python sample_data/generate_sample.py --check    # only re-read and check
    python sample_data/generate_sample.py --digests  # also print sha256 of each file
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import random
import re
import sys

SEED = 20231
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "amazon2023")
PRODUCTS_PER_CATEGORY = 60
MIN_TOTAL_REVIEWS = 1100

# ---------------------------------------------------------------------------
# Catalogue content.
#
# Each product type is a dict with short keys:
#   k    short noun used in review sentences ("skillet")
#   t    title template; {b} = brand, {v} = variant
#   p    category path below the top-level category
#   vk   details key the variant is stored under ("Size", "Color", ...)
#   v    variants (one per product generated from this type)
#   pr   (low, high) price range in USD
#   m    material (details["Material"]); may be None
#   d    approximate (L, W, H) in inches
#   w    (low, high) item weight in pounds
#   f    bullet features ({b}/{v} are substituted)
#   ds   description paragraphs ({b}/{v} are substituted)
#   g    buyer goals: what the reviewer was trying to achieve
#   pos  positive, product-specific opinion sentences
#   neg  negative, product-specific opinion sentences
#   mc   optional main_category override
# ---------------------------------------------------------------------------

HOME_AND_KITCHEN = [
    dict(
        k="skillet",
        t="{b} {v} Pre-Seasoned Cast Iron Skillet with Helper Handle, Oven Safe Frying Pan",
        p=["Kitchen & Dining", "Cookware", "Skillets"],
        vk="Size",
        v=["10.25-Inch", "12-Inch", "8-Inch"],
        pr=(17, 45),
        m="Cast Iron",
        d=(18, 12, 2.2),
        w=(3.5, 8),
        f=[
            "PRE-SEASONED AND READY TO USE: Seasoned with vegetable oil at the foundry, so you can sear, saute and bake straight out of the box",
            "EVEN HEAT RETENTION: Thick cast iron walls hold heat for a hard sear on steaks and crispy cornbread edges",
            "HELPER HANDLE: A second grip opposite the main handle makes lifting a full pan out of the oven safer",
            "STOVE, OVEN, GRILL OR CAMPFIRE: Works on gas, electric, induction and open flame; oven safe to 650 F",
            "DUAL POUR SPOUTS: Drip-free pouring of pan sauces and rendered fat from either side",
            "GETS BETTER WITH USE: The natural non-stick finish improves every time you cook with a little oil",
        ],
        ds=[
            "The {b} {v} skillet is made for cooks who want one pan that can sear, fry, bake and roast. Each skillet is cast in a single piece and seasoned at the foundry, so there are no coatings to chip or rivets to loosen.",
            "Care is simple: rinse with hot water, dry completely on a warm burner and wipe with a thin layer of oil. Avoid soaking and the dishwasher.",
        ],
        g=[
            "I wanted to learn to sear steaks properly at home instead of ordering them at restaurants.",
            "We were replacing a stack of flaking non-stick pans and wanted something that would last for decades.",
            "I bought this to bake skillet cornbread for our church potluck.",
            "We take it camping to cook bacon and eggs over the fire ring.",
            "My goal was crispy-skinned chicken thighs without setting off the smoke alarm every time.",
        ],
        pos=[
            "It came with a smooth, even seasoning and nothing stuck on the first try.",
            "It holds heat so well that the second steak sears just as hard as the first.",
            "The helper handle makes it much easier to move from the oven to the table.",
        ],
        neg=[
            "The cooking surface was rough and gritty, and eggs stuck badly even after I re-seasoned it twice.",
            "It arrived with a rust spot and a slight warp that makes it spin on my glass cooktop.",
        ],
    ),
    dict(
        k="chef's knife",
        t="{b} {v} Chef's Knife, High Carbon German Stainless Steel Kitchen Knife with Ergonomic Handle",
        p=["Kitchen & Dining", "Cutlery & Knife Accessories", "Chef's Knives"],
        vk="Blade Length",
        v=["8-Inch", "7-Inch Santoku Style", "10-Inch"],
        pr=(24, 89),
        m="High Carbon Stainless Steel",
        d=(13, 2, 1),
        w=(0.4, 0.7),
        f=[
            "RAZOR-SHARP EDGE: Hand-finished 15-degree bevel on each side glides through tomatoes, onions and herbs",
            "HIGH CARBON STEEL: German 1.4116 stainless steel hardened to 56-58 HRC resists rust and holds an edge",
            "FULL TANG, BALANCED: The blade runs the length of the handle for a balanced, secure feel",
            "COMFORT GRIP: Triple-riveted handle reduces wrist fatigue during long prep sessions",
            "GIFT READY: Arrives in a magnetic gift box with a blade guard",
        ],
        ds=[
            "The {b} {v} chef's knife is an everyday workhorse for dicing, mincing, slicing and chopping. Its gently curved blade supports a smooth rocking motion, while the broad heel has the weight to split squash and break down a chicken.",
            "Hand wash and dry immediately. Hone regularly and sharpen on a whetstone to keep the factory edge.",
        ],
        g=[
            "I was taking a knife skills class at the community college and needed a proper knife to practise with.",
            "I meal prep vegetables for the whole week every Sunday and my old knife was crushing more than cutting.",
            "We were putting together a first kitchen for my son's apartment after graduation.",
            "I wanted to finally learn to break down a whole chicken instead of paying for parts.",
        ],
        pos=[
            "It slices paper-thin onion rings without any effort straight out of the box.",
            "The balance point sits right at the bolster, so my hand doesn't tire during a long prep session.",
            "After two months of daily use it still cuts tomatoes cleanly.",
        ],
        neg=[
            "The edge rolled after about three weeks and it now squashes tomatoes.",
            "The handle has a sharp seam where the scales meet that rubs my finger raw.",
        ],
    ),
    dict(
        k="slow cooker",
        t="{b} {v} Programmable Slow Cooker with Digital Timer, Removable Stoneware Crock and Glass Lid",
        p=["Kitchen & Dining", "Small Appliances", "Slow Cookers"],
        vk="Capacity",
        v=["6-Quart", "8-Quart", "4-Quart"],
        pr=(29, 79),
        m="Stoneware",
        d=(16, 11, 10),
        w=(9, 14),
        f=[
            "SET IT AND FORGET IT: Program cook time from 30 minutes to 20 hours on High or Low",
            "AUTO KEEP WARM: Switches to Warm when cooking ends so dinner is ready when you get home",
            "GENEROUS OVAL CROCK: Fits a pork shoulder, a whole chicken or a big batch of chili",
            "DISHWASHER SAFE: The stoneware crock and glass lid lift out for easy cleaning",
            "LOCKING LID: Clip-tight lid and cool-touch handles for taking food to potlucks",
        ],
        ds=[
            "The {b} {v} slow cooker turns inexpensive cuts and pantry staples into tender, hands-off meals. Load it in the morning, pick a time and temperature, and come home to dinner.",
            "The oval stoneware crock doubles as a serving dish and the locking lid keeps food secure on the drive to a party or tailgate.",
        ],
        g=[
            "With two kids in after-school sports, I needed dinner to be ready when we walk in at seven.",
            "I bought this to bring chili to our office cook-off and it needed a lid that wouldn't slide off in the car.",
            "I wanted to batch cook bone broth and pulled pork for the freezer.",
            "We were hosting Thanksgiving and needed an extra spot to keep mashed potatoes warm.",
            "My goal was to stop ordering takeout on weeknights when I work late.",
        ],
        pos=[
            "The timer switches to Warm on its own, so nothing overcooks while we're out.",
            "A pork shoulder came out fall-apart tender after eight hours on Low.",
            "The locking lid held tight on a forty-minute drive with no spills.",
        ],
        neg=[
            "Low runs much hotter than my old one and my stew boiled dry while I was at work.",
            "The digital display died after two months and now it won't turn on at all.",
        ],
    ),
    dict(
        k="proofing basket",
        t="{b} {v} Bread Proofing Basket Set with Linen Liner, Dough Scraper and Bread Lame for Sourdough",
        p=["Kitchen & Dining", "Bakeware", "Bread & Loaf Pans"],
        vk="Size",
        v=["9-Inch Round", "10-Inch Oval", "Round and Oval Twin Pack"],
        pr=(14, 32),
        m="Natural Rattan",
        d=(10, 10, 4),
        w=(0.5, 1.2),
        f=[
            "NATURAL RATTAN CANE: Wicks moisture from the dough surface to form a crisp, crackly crust",
            "COMPLETE STARTER KIT: Includes a washable linen liner, flexible dough scraper and a bread lame with 5 blades",
            "CLASSIC SPIRAL PATTERN: Leaves the traditional flour rings bakers love on boules and batards",
            "HOLDS A 1.5 LB LOAF: Right size for most home sourdough and rustic bread recipes",
            "EASY CARE: Brush out excess flour and air dry; no soap needed",
        ],
        ds=[
            "Give your homemade bread a bakery shape with the {b} {v} proofing basket. The rattan cane supports the dough during the final rise so it holds its shape and springs up in the oven.",
            "Dust with rice flour before the first use and after every bake brush out the basket and let it dry fully.",
        ],
        g=[
            "I started a sourdough starter during a long winter and wanted my loaves to stop spreading flat.",
            "I was practising for the bread round of our county fair baking contest.",
            "My goal was to bake all of our sandwich and table bread at home instead of buying it.",
            "I bought this as part of a gift for my dad, who just retired and wants to learn artisan bread.",
        ],
        pos=[
            "My boules finally hold their shape and come out with the pretty flour spiral.",
            "The lame and scraper in the kit are actually usable, not throwaway extras.",
            "With a good dusting of rice flour the dough releases cleanly every time.",
        ],
        neg=[
            "The rattan had splinters that stuck in the dough and shed bits into my loaf.",
            "Dough stuck to the liner even when floured and tore the top of my loaf.",
        ],
    ),
    dict(
        k="cutting board",
        t="{b} {v} Organic Bamboo Cutting Board with Juice Groove and Side Handles",
        p=["Kitchen & Dining", "Kitchen Utensils & Gadgets", "Cutting Boards"],
        vk="Size",
        v=["Extra Large 18 x 12 Inch", "Set of 3", "Medium 15 x 10 Inch"],
        pr=(15, 39),
        m="Bamboo",
        d=(18, 12, 0.8),
        w=(2, 4.5),
        f=[
            "DEEP JUICE GROOVE: Catches liquid from roasts, watermelon and tomatoes so it doesn't run onto the counter",
            "KNIFE FRIENDLY: Bamboo is gentle on blade edges while resisting deep cut marks",
            "BUILT-IN HANDLES: Side grips make it easy to carry chopped vegetables to the pan or serve a cheese spread",
            "REVERSIBLE: One side for raw meat with the groove, the flat side for bread and vegetables",
            "SUSTAINABLY HARVESTED: Made from fast-growing Moso bamboo",
        ],
        ds=[
            "The {b} {v} bamboo cutting board gives you a roomy, stable surface for everyday prep. Bamboo is harder than many hardwoods yet kind to knife edges.",
            "Hand wash with warm soapy water and oil occasionally with food-grade mineral oil to keep it looking new.",
        ],
        g=[
            "I wanted separate boards for raw chicken and vegetables after a scare with food poisoning.",
            "We were carving a brisket for my father-in-law's birthday and needed a board that could catch all the juice.",
            "I needed a nice-looking board to serve charcuterie when friends come over for game night.",
            "My old plastic board was covered in deep grooves and I wanted something more hygienic.",
        ],
        pos=[
            "The juice groove is deep enough to hold all the drippings from a whole roast chicken.",
            "It is big enough to chop a full batch of mirepoix without things falling off the edge.",
            "It looks good enough to use as a serving tray for cheese and crackers.",
        ],
        neg=[
            "It cracked along the glue line after the second hand washing.",
            "The board warped and now rocks on the counter while I chop.",
        ],
    ),
    dict(
        k="stand mixer",
        t="{b} {v} Tilt-Head Stand Mixer, 6-Speed with Dough Hook, Flat Beater and Wire Whisk",
        p=["Kitchen & Dining", "Small Appliances", "Mixers", "Stand Mixers"],
        vk="Capacity",
        v=["5.5-Quart", "4.5-Quart", "6.5-Quart"],
        pr=(89, 229),
        m="Stainless Steel",
        d=(15, 9, 14),
        w=(12, 19),
        f=[
            "POWERFUL MOTOR: 660-watt motor handles stiff cookie dough and double batches of bread",
            "6 SPEEDS PLUS PULSE: From a gentle fold to high-speed whipping of meringue and cream",
            "TILT-HEAD DESIGN: Lift the head to add ingredients or swap attachments",
            "THREE ATTACHMENTS INCLUDED: Dough hook, flat beater and wire whisk plus a splash guard",
            "STABLE BASE: Suction feet keep the mixer planted when kneading",
        ],
        ds=[
            "Bake with confidence using the {b} {v} stand mixer. Planetary mixing action reaches every part of the bowl, so butter creams evenly and bread dough develops a strong gluten structure.",
            "The brushed stainless bowl has a comfortable handle, and all attachments are dishwasher safe.",
        ],
        g=[
            "I bake about ten dozen cookies every December for neighbors and my arm couldn't take hand mixing anymore.",
            "I started a small cottage bakery selling cakes at the farmers market.",
            "I wanted to knead bread dough for my family without spending twenty minutes at the counter.",
            "We were making our own wedding cake and needed something for big batches of buttercream.",
        ],
        pos=[
            "It kneads a double batch of bread dough without straining or walking across the counter.",
            "Whipped cream and meringue come together in a couple of minutes on the top speed.",
            "The splash guard actually keeps flour in the bowl.",
        ],
        neg=[
            "The motor smelled hot and shut off while kneading a single loaf of bread.",
            "The beater doesn't reach the bottom of the bowl so I have to scrape constantly.",
        ],
    ),
    dict(
        k="French press",
        t="{b} {v} French Press Coffee Maker, Double-Wall Stainless Steel with 4-Level Filtration",
        p=["Kitchen & Dining", "Coffee, Tea & Espresso", "Coffee Makers", "French Presses"],
        vk="Capacity",
        v=["34 oz", "12 oz", "50 oz"],
        pr=(19, 45),
        m="Stainless Steel",
        d=(8, 5, 10),
        w=(1.2, 2.5),
        f=[
            "DOUBLE-WALL INSULATION: Keeps coffee hot up to four times longer than glass presses",
            "4-LEVEL FILTRATION: Spring-loaded mesh filter keeps grounds out of your cup",
            "SHATTERPROOF: Stainless steel body won't crack like glass carafes",
            "ALSO MAKES TEA AND COLD BREW: Use for loose-leaf tea, cold brew or frothing milk",
            "DISHWASHER SAFE: Disassembles completely for cleaning",
        ],
        ds=[
            "The {b} {v} French press brews rich, full-bodied coffee in four minutes with no paper filters and no electricity.",
            "Its double-wall steel body holds heat for a second cup and survives camping trips and clumsy mornings alike.",
        ],
        g=[
            "I wanted to stop spending five dollars a day at the coffee shop on the way to work.",
            "Our glass press shattered in the sink and I wanted something that could survive my kids.",
            "I needed a way to make good coffee on camping trips without a power outlet.",
            "I was getting into single-origin beans and wanted a brewer that shows off the flavor.",
        ],
        pos=[
            "The coffee is still hot an hour later when I pour my second cup.",
            "The filter is tight enough that I barely get any sludge at the bottom.",
            "It has been dropped on a tile floor twice without a dent.",
        ],
        neg=[
            "Grounds get past the filter and every cup has a layer of silt.",
            "The plunger rod bent after a few weeks and now it sticks halfway down.",
        ],
    ),
    dict(
        k="vacuum sealer",
        t="{b} {v} Vacuum Sealer Machine with Starter Bags and Built-In Cutter, Dry and Moist Modes",
        p=["Kitchen & Dining", "Small Appliances", "Vacuum Sealers"],
        vk="Style",
        v=["Compact", "Pro with Bag Roll Storage", "Double Heat Seal Pro"],
        pr=(39, 119),
        m="ABS Plastic",
        d=(16, 6, 4),
        w=(2.5, 6),
        f=[
            "AIRTIGHT SEAL: Removes air and seals in one step to keep food fresh up to 5 times longer",
            "DRY AND MOIST MODES: Adjusts sealing time for marinated meats or dry goods",
            "BUILT-IN CUTTER AND ROLL STORAGE: Make custom-size bags with no scissors",
            "SOUS VIDE READY: Bags are BPA-free and safe for low-temperature cooking",
            "STARTER KIT: Includes 10 pre-cut bags and one 11 inch x 10 foot roll",
        ],
        ds=[
            "Stop throwing away freezer-burned meat. The {b} {v} vacuum sealer locks in freshness for bulk buys, garden harvests and meal prep.",
            "Simply place the open end of the bag in the channel, close the lid and press Vac/Seal.",
        ],
        g=[
            "We buy meat in bulk from a local farm and needed to freeze a quarter cow without freezer burn.",
            "I got into sous vide cooking and needed bags that wouldn't float in the water bath.",
            "I wanted to portion out a summer's worth of garden green beans and berries for winter.",
            "Our hunting trip brought home a lot of venison that needed to be packaged properly.",
        ],
        pos=[
            "Steaks I sealed three months ago came out of the freezer with no ice crystals at all.",
            "The moist setting handles marinated chicken without sucking liquid into the machine.",
            "Being able to cut bags to length from the roll saves a lot of plastic.",
        ],
        neg=[
            "About one in three seals fails overnight and the bag fills back up with air.",
            "The lid latch broke after a couple dozen bags.",
        ],
    ),
    dict(
        k="spice rack",
        t="{b} {v} Spice Rack Organizer with 24 Glass Spice Jars, Labels and Funnel",
        p=["Kitchen & Dining", "Storage & Organization", "Spice Racks"],
        vk="Style",
        v=["2-Tier Countertop", "Wall Mount 4-Tier", "Pull-Out Cabinet Drawer"],
        pr=(25, 59),
        m="Metal",
        d=(14, 6, 11),
        w=(4, 8),
        f=[
            "24 GLASS JARS INCLUDED: 4 oz square jars with shaker and pour lids",
            "396 PRINTED LABELS: Pre-printed and blank chalkboard labels for every spice",
            "SPACE SAVING: Fits countertops, cabinets or mounts on the wall or inside a pantry door",
            "STURDY STEEL FRAME: Powder-coated to resist rust and grease",
            "FUNNEL INCLUDED: Refill jars from bulk bags without spills",
        ],
        ds=[
            "Turn a jumble of mismatched spice containers into a tidy, labeled collection with the {b} {v} spice rack.",
            "Uniform glass jars make it easy to see when you are running low, and the labels keep everything in order.",
        ],
        g=[
            "My spices were spread across three cabinets and I kept buying cumin I already had.",
            "We were reorganizing a tiny rental kitchen with almost no counter space.",
            "I buy spices in bulk at the Indian grocery and needed jars to refill.",
            "I wanted to make our kitchen easier to cook in for my mother, who has arthritis and struggles with child-proof lids.",
        ],
        pos=[
            "The labels are legible and stick well, even near the stove.",
            "Everything fits on one shelf now and I can see at a glance what is running low.",
            "The jars are thick glass and the shaker lids snap on firmly.",
        ],
        neg=[
            "Several jars arrived broken and the shaker lids don't fit the rest securely.",
            "The wall-mount screws were too short and the rack pulled out of the drywall.",
        ],
    ),
    dict(
        k="food storage containers",
        t="{b} {v} Glass Food Storage Containers with Locking Lids, Airtight Meal Prep Set",
        p=["Kitchen & Dining", "Storage & Organization", "Food Storage", "Food Storage Containers"],
        vk="Size",
        v=["24-Piece", "18-Piece", "10-Piece"],
        pr=(24, 49),
        m="Borosilicate Glass",
        d=(12, 10, 9),
        w=(8, 14),
        f=[
            "LEAKPROOF LOCKING LIDS: Four-side latches and a silicone seal keep soups and sauces inside your bag",
            "OVEN, MICROWAVE AND FREEZER SAFE: Borosilicate glass handles -4 F to 842 F (lids not oven safe)",
            "STAIN AND ODOR RESISTANT: Glass won't hold onto tomato sauce or curry smells",
            "NESTING DESIGN: Containers stack inside each other to save cabinet space",
            "BPA-FREE LIDS: Dishwasher safe on the top rack",
        ],
        ds=[
            "Plan a week of lunches with the {b} {v} glass container set. A mix of rectangle and round sizes covers everything from salad to leftovers.",
            "Go straight from the fridge to the microwave or, without the lid, into the oven to reheat.",
        ],
        g=[
            "I started meal prepping lunches for work to save money and eat less fast food.",
            "We were getting rid of plastic containers that were stained orange from pasta sauce.",
            "I needed leakproof containers to send soup home with my elderly parents.",
            "I was portioning dinners for the freezer before our baby was born.",
        ],
        pos=[
            "Soup rode in my work bag all day without a single drip.",
            "Tomato sauce washes right off with no staining.",
            "They stack neatly and take up half the cabinet space of my old mismatched set.",
        ],
        neg=[
            "One of the lids cracked at the hinge within a month and now won't seal.",
            "A container shattered when I moved it from the fridge into a warm oven.",
        ],
    ),
    dict(
        k="electric kettle",
        t="{b} {v} Electric Kettle with Temperature Control, Keep Warm and Auto Shut-Off",
        p=["Kitchen & Dining", "Coffee, Tea & Espresso", "Electric Kettles"],
        vk="Finish",
        v=["Gooseneck Matte Black", "Brushed Stainless 1.7L", "Glass with Blue LED 1.7L"],
        pr=(25, 69),
        m="Stainless Steel",
        d=(11, 7, 9),
        w=(2, 3.2),
        f=[
            "5 PRESET TEMPERATURES: 160, 175, 185, 200 F and full boil for green tea, oolong, coffee and more",
            "FAST BOIL: 1500-watt element boils a liter in about 4 minutes",
            "KEEP WARM: Holds your chosen temperature for up to 60 minutes",
            "SAFE BY DESIGN: Auto shut-off and boil-dry protection",
            "360 DEGREE CORDLESS BASE: Lift and pour from any direction",
        ],
        ds=[
            "Brew every tea at its best with the {b} {v} kettle. Precise temperature presets help keep delicate green and white teas from turning bitter.",
            "A cool-touch handle, cordless base and auto shut-off make it a safe choice for offices and dorm rooms.",
        ],
        g=[
            "I drink a lot of green tea and was tired of it tasting bitter from boiling water.",
            "I wanted to dial in pour-over coffee at home and needed a steady pour.",
            "My college dorm doesn't allow hot plates so I needed a safe way to make oatmeal and ramen.",
            "We make formula bottles at night and needed water at a set temperature fast.",
        ],
        pos=[
            "The temperature presets are accurate to within a couple degrees when I checked with a thermometer.",
            "It boils a full kettle faster than my stovetop by a long shot.",
            "The keep-warm setting means my second cup of tea is ready when I am.",
        ],
        neg=[
            "It started leaking from the base after six weeks.",
            "The water tastes like plastic no matter how many times I boil and dump it.",
        ],
    ),
    dict(
        k="Dutch oven",
        t="{b} {v} Enameled Cast Iron Dutch Oven with Lid, Self-Basting Dimples",
        p=["Kitchen & Dining", "Cookware", "Dutch Ovens"],
        vk="Capacity",
        v=["6-Quart Cherry Red", "4.5-Quart Navy", "7.5-Quart Sage Green"],
        pr=(49, 119),
        m="Enameled Cast Iron",
        d=(13, 11, 7),
        w=(11, 16),
        f=[
            "ENAMELED CAST IRON: Chip-resistant porcelain enamel, no seasoning required",
            "SELF-BASTING LID: Condensation dimples return moisture to braises and stews",
            "OVEN SAFE TO 500 F: Including the stainless knob; great for no-knead bread",
            "ALL COOKTOPS: Gas, electric, ceramic and induction",
            "WIDE LOOP HANDLES: Easy to lift with oven mitts",
        ],
        ds=[
            "The {b} {v} Dutch oven goes from stovetop sear to slow oven braise to table. Heavy cast iron holds steady heat while the light interior enamel lets you watch the fond develop.",
            "Use it for short ribs, soups, chili, deep frying and crusty no-knead bread.",
        ],
        g=[
            "I wanted to bake crusty no-knead bread like the loaves at our local bakery.",
            "We host Sunday dinner for eight and needed a pot big enough for a braise.",
            "I was learning to cook French onion soup and beef bourguignon for a dinner party.",
            "We were registering for our wedding and wanted one heirloom piece instead of a dozen gadgets.",
        ],
        pos=[
            "It browns meat beautifully and the lid keeps short ribs moist for hours.",
            "My no-knead bread comes out with a crackly crust at 475 F without any damage to the pot.",
            "The enamel wipes clean after a long braise with just a soak.",
        ],
        neg=[
            "The enamel chipped on the rim the first time I used it.",
            "The interior enamel crazed and stained brown within a few uses.",
        ],
    ),
    dict(
        k="air fryer",
        t="{b} {v} Air Fryer Oven, 8-in-1 Presets with Nonstick Basket and Viewing Window",
        p=["Kitchen & Dining", "Small Appliances", "Air Fryers"],
        vk="Capacity",
        v=["5.8-Quart", "4-Quart", "8-Quart Dual Basket"],
        pr=(59, 149),
        m="Plastic, Stainless Steel",
        d=(14, 12, 13),
        w=(9, 16),
        f=[
            "CRISPY WITH LITTLE OIL: Rapid hot-air circulation crisps food using up to 85% less oil",
            "8 ONE-TOUCH PRESETS: Fries, chicken, steak, fish, shrimp, bacon, vegetables and reheat",
            "VIEWING WINDOW: Check on food without opening the basket",
            "SHAKE REMINDER: Alerts you halfway through for even browning",
            "DISHWASHER-SAFE BASKET: Nonstick, PFOA-free coating",
        ],
        ds=[
            "Make crispy wings, roasted vegetables and reheated pizza in minutes with the {b} {v} air fryer.",
            "It preheats fast and uses less energy than heating a full oven, which keeps the kitchen cool in summer.",
        ],
        g=[
            "I am trying to lose weight and wanted fries and wings without deep frying.",
            "Our apartment oven takes forever to preheat and heats up the whole place in summer.",
            "I wanted to get frozen snacks on the table fast after my kids' soccer practice.",
            "My husband had heart surgery and we needed to cook with much less oil.",
        ],
        pos=[
            "Frozen fries come out crisper than in the oven in about half the time.",
            "The window lets me watch salmon so it doesn't overcook.",
            "The basket coating cleans up with a quick soak.",
        ],
        neg=[
            "The nonstick coating started peeling off the basket within two months.",
            "It has a strong chemical smell every time it heats up, even after a dozen uses.",
        ],
    ),
    dict(
        k="knife sharpener",
        t="{b} {v} Knife Sharpener, 3-Stage Diamond, Ceramic and Tungsten with Cut-Resistant Glove",
        p=["Kitchen & Dining", "Cutlery & Knife Accessories", "Knife Sharpeners"],
        vk="Color",
        v=["Black", "Red", "Brushed Stainless"],
        pr=(12, 59),
        m="Diamond, Ceramic",
        d=(9, 3, 4),
        w=(0.5, 3),
        f=[
            "3-STAGE SYSTEM: Diamond to repair, tungsten to shape, ceramic to polish",
            "NON-SLIP BASE: Stays put on the counter while you draw the blade through",
            "CUT-RESISTANT GLOVE INCLUDED: Level 5 protection for your guiding hand",
            "FOR MOST STRAIGHT-EDGE KNIVES: Kitchen, pocket and hunting knives",
            "COMPACT: Stores in a drawer",
        ],
        ds=[
            "Bring dull knives back to life in minutes with the {b} {v} sharpener. Clear angle guides help beginners hold a consistent edge.",
            "A few light passes on the ceramic slot each week keeps knives sharp between full sharpenings.",
        ],
        g=[
            "All the knives in our house were dull and I was tired of paying a shop to sharpen them.",
            "I cut myself on a dull knife slipping off an onion and wanted to fix the problem.",
            "I wanted to keep my hunting knife sharp for processing deer in the fall.",
            "We inherited my grandmother's old carbon steel knives and wanted them usable again.",
        ],
        pos=[
            "Ten passes brought my cheap knives back to slicing paper cleanly.",
            "The angle guide makes it hard to mess up, even as a total beginner.",
            "The glove is a nice extra that actually fits.",
        ],
        neg=[
            "It took chips out of my good knife and left a scratched, uneven edge.",
            "The suction base doesn't grip and it slides all over the counter.",
        ],
    ),
    dict(
        k="salad spinner",
        t="{b} {v} Salad Spinner with Pump Mechanism, Brake Button and Serving Bowl",
        p=["Kitchen & Dining", "Kitchen Utensils & Gadgets", "Salad Spinners"],
        vk="Capacity",
        v=["5-Quart", "3-Quart", "6.2-Quart Stainless Bowl"],
        pr=(16, 39),
        m="BPA-Free Plastic",
        d=(11, 11, 7),
        w=(1.5, 3),
        f=[
            "ONE-HAND PUMP: Press the knob to spin greens dry in seconds",
            "BRAKE BUTTON: Stops the basket instantly",
            "NON-SKID BASE: Stays steady on wet counters",
            "DOUBLES AS A SERVING BOWL: Clear bowl looks nice on the table",
            "DISHWASHER SAFE: All parts, top rack",
        ],
        ds=[
            "Dry greens mean dressing that clings. The {b} {v} spinner uses an easy pump to whirl lettuce, herbs and berries dry without bruising them.",
            "The basket also works as a colander for rinsing pasta and beans.",
        ],
        g=[
            "I was trying to eat a salad for lunch every day and wet lettuce kept making it soggy.",
            "We grow a lot of lettuce and kale in our garden and needed to wash big harvests fast.",
            "I wanted to get my kids involved in making dinner and this seemed like a fun job for them.",
            "I needed to wash fresh herbs for a big batch of pesto.",
        ],
        pos=[
            "My romaine comes out dry enough that dressing actually sticks.",
            "My seven-year-old loves pumping it, which gets him to eat salad.",
            "The brake works instantly and the base doesn't wander.",
        ],
        neg=[
            "The pump mechanism cracked after a few weeks.",
            "It leaves greens still wet unless I spin three or four times.",
        ],
    ),
    dict(
        k="towel set",
        t="{b} {v} Luxury Bath Towel Set, 100% Turkish Cotton, Quick Dry and Highly Absorbent",
        p=["Bath", "Towels", "Towel Sets"],
        vk="Color",
        v=["6-Piece White", "8-Piece Charcoal Grey", "4-Piece Sage"],
        pr=(29, 79),
        m="Cotton",
        d=(14, 12, 8),
        w=(4, 7),
        f=[
            "TURKISH COTTON: Long-staple cotton loops get softer with every wash",
            "600 GSM: Plush yet quick drying, ideal for humid bathrooms",
            "SET INCLUDES: Bath towels, hand towels and washcloths",
            "DOUBLE-STITCHED HEMS: Resist fraying through hundreds of washes",
            "OEKO-TEX CERTIFIED: Tested free of harmful substances",
        ],
        ds=[
            "Wrap up in the {b} {v} towel set after every shower. Turkish cotton loops are absorbent and dry quickly so towels stay fresh between washes.",
            "Wash before first use in warm water and tumble dry low. Avoid fabric softener to maintain absorbency.",
        ],
        g=[
            "We were refreshing our guest bathroom before my in-laws came to stay for a month.",
            "Our old towels started smelling musty in our humid basement bathroom.",
            "I wanted hotel-style towels as a housewarming gift for my best friend.",
            "We were staging the house for sale and wanted the bathrooms to look crisp in photos.",
        ],
        pos=[
            "They are thick and soft but still dry overnight on the hook.",
            "No lint shedding after the first wash, unlike our last set.",
            "The color matched the listing photos exactly.",
        ],
        neg=[
            "They shed lint all over everything even after four washes.",
            "The towels are thin and scratchy, nothing like the plush photos.",
        ],
    ),
    dict(
        k="memory foam pillow",
        t="{b} {v} Cooling Gel Memory Foam Pillow for Side and Back Sleepers with Washable Cover",
        p=["Bedding", "Bed Pillows & Positioners", "Bed Pillows"],
        vk="Size",
        v=["Queen", "King", "Standard 2-Pack"],
        pr=(29, 69),
        m="Memory Foam",
        d=(26, 16, 5),
        w=(2.5, 5),
        f=[
            "ADJUSTABLE LOFT: Add or remove shredded foam fill to match your sleep position",
            "COOLING GEL INFUSION: Helps draw heat away from your head and neck",
            "CONTOURED SUPPORT: Keeps your neck aligned with your spine",
            "REMOVABLE BAMBOO-BLEND COVER: Machine washable",
            "CERTIPUR-US CERTIFIED FOAM: Made without harmful chemicals",
        ],
        ds=[
            "Wake up without a stiff neck. The {b} {v} pillow combines shredded memory foam with cooling gel for adjustable, supportive comfort.",
            "Let the pillow expand for 24 hours after unboxing; a light new-foam scent fades within a few days.",
        ],
        g=[
            "I kept waking up with neck pain and my physical therapist suggested a supportive pillow.",
            "I sleep hot and wanted a pillow that doesn't turn into a heater at two in the morning.",
            "As a side sleeper my shoulder was going numb on flat pillows.",
            "We were furnishing a guest room and wanted something that works for any sleeper.",
        ],
        pos=[
            "After a week my morning neck stiffness is mostly gone.",
            "Being able to take out fill let me get the height just right for side sleeping.",
            "The cover is soft and stayed intact through several washes.",
        ],
        neg=[
            "It still smells like chemicals after airing it out for two weeks.",
            "It is far too firm and tall even after removing half the fill.",
        ],
    ),
    dict(
        k="rice cooker",
        t="{b} {v} Rice Cooker and Food Steamer with Fuzzy Logic, Delay Timer and Keep Warm",
        p=["Kitchen & Dining", "Small Appliances", "Rice Cookers"],
        vk="Capacity",
        v=["6-Cup Uncooked", "10-Cup Uncooked", "8-Cup Uncooked"],
        pr=(29, 99),
        m="Stainless Steel, Nonstick",
        d=(11, 10, 9),
        w=(4, 8),
        f=[
            "FUZZY LOGIC: Adjusts temperature and time for white, brown, sushi rice, quinoa and oatmeal",
            "DELAY TIMER: Set up to 24 hours ahead so rice is ready when you get home",
            "STEAM TRAY INCLUDED: Steam vegetables or fish while rice cooks",
            "NONSTICK INNER POT: Rice slides out and cleans easily",
            "24-HOUR KEEP WARM: Rice stays fluffy without drying out",
        ],
        ds=[
            "Perfect rice every time with the {b} {v} rice cooker. Just rinse, add water to the marked line and press start.",
            "The steam tray lets you cook a complete meal of rice and vegetables in one appliance.",
        ],
        g=[
            "Rice on the stove always boiled over or burned at the bottom and I wanted something foolproof.",
            "We eat rice with almost every meal and needed a larger cooker for our family of six.",
            "I was learning to make sushi at home and the rice texture has to be right.",
            "I wanted to steam vegetables and fish for my toddler without standing over the stove.",
        ],
        pos=[
            "Jasmine rice comes out fluffy with no crust at the bottom.",
            "The delay timer means hot rice is waiting when I get home.",
            "Brown rice finally cooks evenly instead of crunchy in the middle.",
        ],
        neg=[
            "The nonstick coating flaked into the rice after a few months.",
            "Steam pours out of the lid and the rice on top ends up mushy.",
        ],
    ),
    dict(
        k="immersion blender",
        t="{b} {v} Immersion Hand Blender, 12-Speed with Whisk, Chopper and Beaker",
        p=["Kitchen & Dining", "Small Appliances", "Blenders", "Hand Blenders"],
        vk="Power",
        v=["800-Watt", "500-Watt", "1000-Watt Cordless"],
        pr=(25, 69),
        m="Stainless Steel",
        d=(16, 4, 4),
        w=(2, 3.5),
        f=[
            "POWERFUL MOTOR: Purees soups right in the pot and crushes ice for smoothies",
            "12 SPEEDS PLUS TURBO: Control from gentle mixing to fast blending",
            "ANTI-SPLASH BLADE GUARD: Bell-shaped guard reduces splatter and suction",
            "4-IN-1 KIT: Blending stick, whisk, 500 ml chopper and 600 ml beaker",
            "DETACHABLE PARTS: Dishwasher-safe attachments",
        ],
        ds=[
            "Blend soups in the pot, whip cream and chop herbs with the {b} {v} immersion blender. No more transferring hot liquid into a countertop blender.",
            "The ergonomic grip and variable speed trigger give you control with one hand.",
        ],
        g=[
            "I make pureed butternut squash soup every week and was tired of ladling it into a blender.",
            "We started making homemade baby food for our first child.",
            "I wanted quick single-serve protein smoothies before my morning workout.",
            "I needed to make mayonnaise and aioli from scratch for a cooking class.",
        ],
        pos=[
            "It purees a whole pot of soup smooth in under a minute.",
            "The blade guard really does stop the splatter on my stovetop.",
            "The chopper attachment handles nuts and herbs nicely.",
        ],
        neg=[
            "The shaft started leaking soup into the motor housing.",
            "It overheated and quit halfway through a pot of soup.",
        ],
    ),
    dict(
        k="sheet set",
        t="{b} {v} Sheet Set, 100% Long-Staple Cotton Percale, Deep Pocket Fitted Sheet",
        p=["Bedding", "Sheets & Pillowcases", "Sheet & Pillowcase Sets"],
        vk="Size",
        v=["Queen White", "King Light Grey", "Full Dusty Blue"],
        pr=(39, 99),
        m="Cotton",
        d=(14, 12, 4),
        w=(3, 5),
        f=[
            "CRISP, COOL PERCALE: 400 thread count one-over-one-under weave breathes for hot sleepers",
            "DEEP POCKETS: Fits mattresses up to 16 inches with elastic all the way around",
            "4-PIECE SET: Flat sheet, fitted sheet and two pillowcases",
            "GETS SOFTER WITH EVERY WASH: Long-staple cotton resists pilling",
            "LABELED CORNERS: Tags mark the long and short sides for easy bed making",
        ],
        ds=[
            "Sleep cool with the {b} {v} percale sheets. The crisp, matte finish feels like a fresh hotel bed.",
            "Machine wash warm and tumble dry low; remove promptly to reduce wrinkles.",
        ],
        g=[
            "My husband and I both sleep hot and our microfiber sheets were making it worse.",
            "We bought a new thick mattress and our old fitted sheets wouldn't stay on.",
            "I was getting the guest bed ready for my parents' holiday visit.",
            "I wanted natural fiber bedding for my son's eczema.",
        ],
        pos=[
            "They feel cool and crisp and I've stopped kicking the covers off at night.",
            "The fitted sheet stays on our 15-inch mattress all night.",
            "They have softened nicely after a few washes without pilling.",
        ],
        neg=[
            "The fitted sheet pops off the corners every night.",
            "They pilled badly after three washes.",
        ],
    ),
]

PATIO_LAWN_AND_GARDEN = [
    dict(
        k="raised garden bed",
        t="{b} {v} Galvanized Raised Garden Bed Kit, Outdoor Planter Box for Vegetables, Flowers and Herbs",
        p=["Gardening & Lawn Care", "Pots, Planters & Container Accessories", "Raised Beds"],
        vk="Size",
        v=["8x4x1 ft", "6x3x1 ft", "4x2x2 ft Tall"],
        pr=(49, 129),
        m="Galvanized Steel",
        d=(48, 13, 5),
        w=(18, 35),
        f=[
            "RUST-RESISTANT STEEL: Zinc-aluminum coated panels hold up to years of rain and irrigation",
            "TOOL-FREE OVAL DESIGN: Rounded corners and included hardware assemble in about 20 minutes",
            "ROOT-FRIENDLY DEPTH: Deep enough for tomatoes, peppers, potatoes and root crops",
            "SAFETY EDGE TRIM: Rubber strips cover sharp edges to protect hands and kids",
            "OPEN BOTTOM: Excellent drainage and lets roots reach native soil",
        ],
        ds=[
            "Grow more food in less space with the {b} {v} raised bed. Raised soil warms faster in spring, drains better and saves your back when weeding.",
            "Fill with a mix of topsoil, compost and aged bark; place cardboard on the bottom to smother grass.",
        ],
        g=[
            "We wanted to grow our own tomatoes and peppers but our yard is heavy clay that never drains.",
            "My mother uses a walker and I wanted her to be able to garden without kneeling.",
            "I was starting a small kitchen garden with my kids as a summer project.",
            "Our HOA wanted the vegetable garden to look tidy from the street.",
            "I wanted to keep rabbits and our dog out of the lettuce.",
        ],
        pos=[
            "Assembly took about half an hour by myself and it feels very solid once filled.",
            "We harvested more zucchini and tomatoes from it than from our whole old in-ground plot.",
            "It hasn't rusted at all after two full seasons.",
        ],
        neg=[
            "The panels bowed outward as soon as it was filled with soil.",
            "Several holes didn't line up and I had to drill new ones.",
        ],
    ),
    dict(
        k="seed starting tray",
        t="{b} {v} Seed Starting Trays with Humidity Domes and Heat Mat, Germination Kit",
        p=["Gardening & Lawn Care", "Plant Germination & Propagation", "Seed Starters"],
        vk="Style",
        v=["5-Pack 40-Cell", "10-Pack 12-Cell", "3-Pack with Grow Light"],
        pr=(19, 45),
        m="Plastic",
        d=(22, 11, 6),
        w=(2, 5),
        f=[
            "COMPLETE KIT: Cell trays, drip trays, tall vented humidity domes and plant labels",
            "ADJUSTABLE VENTS: Control moisture and prevent damping off",
            "BOTTOM WATERING: Drip trays let seedlings wick water from below",
            "REUSABLE: Thick, flexible plastic survives many seasons",
            "SEEDLING HEAT MAT: Raises root zone 10-20 F above room temperature for faster germination",
        ],
        ds=[
            "Give seeds a head start indoors with the {b} {v} seed starting system. Warm roots and steady humidity mean faster, more even germination.",
            "Remove domes once most seeds have sprouted and move seedlings to bright light.",
        ],
        g=[
            "I wanted to start my own heirloom tomatoes indoors instead of paying four dollars a plant at the nursery.",
            "Our growing season is short here in Minnesota, so I needed peppers started in February.",
            "My daughter's science fair project was comparing germination rates of different seeds.",
            "I was growing flower transplants to sell at our school's spring plant sale.",
        ],
        pos=[
            "Almost every pepper seed sprouted within a week with the heat mat.",
            "The vented domes kept humidity right without any mold.",
            "The trays are thicker than the flimsy ones at the hardware store.",
        ],
        neg=[
            "The heat mat stopped warming after a couple of weeks.",
            "The cells are so flimsy they cracked when I popped out the seedlings.",
        ],
    ),
    dict(
        k="hose reel",
        t="{b} {v} Garden Hose Reel, Heavy Duty Steel, Holds up to 200 ft of 5/8 Inch Hose",
        p=["Gardening & Lawn Care", "Watering Equipment", "Hose Reels"],
        vk="Style",
        v=["Mobile Cart", "Wall Mount with Leader Hose", "Heavy Duty Cart with Basket"],
        pr=(39, 129),
        m="Steel",
        d=(24, 20, 34),
        w=(12, 28),
        f=[
            "HEAVY-DUTY FRAME: Powder-coated steel resists rust",
            "LARGE CAPACITY: Holds up to 200 ft of 5/8 inch hose",
            "SMOOTH CRANK: Hose guide winds evenly without kinks",
            "BRASS FITTINGS: Leak-free connections with included leader hose",
            "FITS YOUR SPACE: Choose a rolling cart for big yards or a wall mount beside the spigot",
        ],
        ds=[
            "No more tangled hose on the lawn. The {b} {v} reel keeps your hose neatly stored and ready to go.",
            "Assemble with the included tools in about 30 minutes.",
        ],
        g=[
            "I was tired of tripping over the hose every time I walked to the shed.",
            "We have a big vegetable garden at the back of a long lot and I needed to move the hose around easily.",
            "I wanted the front yard to look neat for listing the house.",
            "My dad is getting older and wrestling a 100-foot hose was getting hard for him.",
        ],
        pos=[
            "Winding up a hundred feet of hose takes seconds now with no kinks.",
            "The brass fittings don't drip at all.",
            "It keeps the hose neat and off the lawn.",
        ],
        neg=[
            "The plastic crank handle snapped off in the first month.",
            "The leader hose leaks at the swivel no matter how tight I make it.",
        ],
    ),
    dict(
        k="bird feeder",
        t="{b} {v} Squirrel-Proof Bird Feeder for Outside with Weight-Activated Perches",
        p=["Outdoor Decor", "Bird & Wildlife Care", "Bird Feeders"],
        vk="Style",
        v=["Tube 6-Port", "Tube 4-Port Copper Finish", "Large Hopper 5 lb"],
        pr=(15, 49),
        m="Metal",
        d=(6, 6, 20),
        w=(1, 4),
        f=[
            "SQUIRREL-PROOF: Spring-loaded shroud closes the ports when heavier animals land",
            "HOLDS 3 LB OF SEED: Fewer refills during busy migration season",
            "EASY TO CLEAN: Top and base come off without tools",
            "WEATHER RESISTANT: Drain holes keep seed dry",
            "BRINGS SONGBIRDS: Perfect for finches, chickadees, cardinals and nuthatches",
        ],
        ds=[
            "Enjoy the songbirds, not the squirrels. The {b} {v} feeder uses a weight-activated shroud to protect your seed.",
            "Hang from a tree branch or shepherd's hook about 5 feet off the ground.",
        ],
        g=[
            "I wanted to watch birds from the kitchen window while my mother recovered from hip surgery.",
            "The squirrels were emptying our old feeder in a single afternoon.",
            "My son is in scouts and was working on his bird study badge.",
            "I retired this spring and wanted to get into bird watching and keeping a backyard bird list.",
        ],
        pos=[
            "The squirrels gave up after a few days and the cardinals have taken over.",
            "We've counted a dozen species in the first month, including goldfinches.",
            "Cleaning and refilling takes about a minute.",
        ],
        neg=[
            "A squirrel chewed through the plastic ports within a week.",
            "Seed gets wet and clumps at the bottom after every rain.",
        ],
    ),
    dict(
        k="charcoal grill",
        t="{b} {v} Charcoal Grill with Ash Catcher, Adjustable Vents and Built-In Thermometer",
        p=["Grills & Outdoor Cooking", "Grills", "Charcoal Grills"],
        vk="Size",
        v=["22-Inch", "26-Inch", "22-Inch Premium with Side Table"],
        pr=(59, 299),
        m="Porcelain-Enameled Steel",
        d=(25, 23, 39),
        w=(15, 60),
        f=[
            "PORCELAIN-ENAMELED BOWL AND LID: Retains heat and won't rust or peel",
            "DAMPER CONTROL: Top and bottom vents for precise temperature control",
            "ONE-TOUCH ASH SYSTEM: Sweeps ash into a removable catcher",
            "LID THERMOMETER: Monitor heat for low-and-slow smoking",
            "HINGED COOKING GRATE: Add charcoal without removing food",
        ],
        ds=[
            "Real charcoal flavor for burgers, ribs and wings. The {b} {v} grill holds steady heat for searing or indirect cooking.",
            "Set up a two-zone fire to sear over coals and finish thicker cuts on the cooler side.",
        ],
        g=[
            "I bought this to host a backyard barbecue for my son's graduation.",
            "I wanted to learn to smoke ribs low and slow like my grandfather used to.",
            "We tailgate at every home game and needed a grill that fits in the trunk.",
            "Our gas grill died and I wanted to go back to real charcoal flavor.",
            "I was cooking for a block party with about forty neighbors.",
        ],
        pos=[
            "It kept twenty burgers going at once with room left for corn.",
            "The vents give good control and I held 250 F for five hours on ribs.",
            "The ash catcher makes cleanup much less messy than my old grill.",
        ],
        neg=[
            "The thermometer reads fifty degrees off and the lid doesn't seal, so heat escapes everywhere.",
            "Paint started bubbling and flaking off after the third cook.",
        ],
    ),
    dict(
        k="string lights",
        t="{b} {v} Outdoor String Lights, Shatterproof LED Edison Bulbs, Waterproof Patio Lights",
        p=["Outdoor Decor", "Outdoor Lighting", "String Lights"],
        vk="Length",
        v=["48 ft 15 Bulbs", "100 ft 30 Bulbs", "25 ft Solar"],
        pr=(22, 69),
        m="Plastic, Copper",
        d=(12, 10, 6),
        w=(2, 6),
        f=[
            "SHATTERPROOF BULBS: Plastic LED bulbs look like glass but survive falls and storms",
            "IP65 WATERPROOF: Commercial-grade cord for year-round outdoor use",
            "ENERGY EFFICIENT: Warm white 2700K LEDs use 90% less power than incandescent",
            "CONNECTABLE: Link up to 20 strands end-to-end",
            "HANGING LOOPS: Built-in loops on every socket",
        ],
        ds=[
            "Turn your backyard into an evening retreat with the {b} {v} string lights. Warm Edison-style glow for patios, pergolas and gazebos.",
            "Use a guide wire for long spans and plug into a covered outdoor outlet.",
        ],
        g=[
            "We were getting married in my parents' backyard and needed lighting for the reception.",
            "I wanted our small apartment balcony to feel cozy for evening dinners.",
            "We built a pergola over the patio this summer and wanted lights to finish it off.",
            "My daughter's sweet sixteen was an outdoor movie night and we needed ambient light.",
        ],
        pos=[
            "The warm glow looks just like glass bulbs and made the patio feel like a restaurant.",
            "They've been up through two thunderstorms with no dead bulbs.",
            "Connecting three strands was easy and they were all the same color temperature.",
        ],
        neg=[
            "Half the bulbs flicker after the first rain.",
            "The light is a harsh bluish white, not warm like the photos.",
        ],
    ),
    dict(
        k="compost bin",
        t="{b} {v} Tumbling Compost Bin with Sliding Doors, Outdoor Rotating Composter",
        p=["Gardening & Lawn Care", "Composting", "Compost Bins"],
        vk="Capacity",
        v=["37 Gallon Dual Chamber", "43 Gallon", "65 Gallon Dual Chamber"],
        pr=(59, 149),
        m="BPA-Free Plastic",
        d=(24, 24, 36),
        w=(3, 28),
        f=[
            "TWO CHAMBERS: Fill one side while the other finishes",
            "EASY TURNING: Deep fins break up clumps and aerate with a few spins",
            "SLIDING DOORS: Wide openings for adding scraps and removing finished compost",
            "RODENT RESISTANT: Enclosed design keeps pests out",
            "UV-STABILIZED: Won't crack in sun or cold",
        ],
        ds=[
            "Turn kitchen scraps and yard waste into rich compost with the {b} {v} composter.",
            "Balance greens such as food scraps and grass clippings with browns like dry leaves and shredded paper.",
        ],
        g=[
            "We wanted to cut our household trash in half by composting food scraps.",
            "I wanted free compost for my vegetable garden instead of buying bags every spring.",
            "Our city started a food waste program and I needed a way to collect scraps.",
            "I was teaching my kids about recycling and soil for a homeschool unit.",
        ],
        pos=[
            "We got usable compost in about eight weeks of summer heat.",
            "Turning it is easy even when half full.",
            "No raccoons have gotten into it, unlike our old open pile.",
        ],
        neg=[
            "The doors warped in the sun and now don't close properly.",
            "The frame legs bent and it no longer spins.",
        ],
    ),
    dict(
        k="pruning shears",
        t="{b} {v} Pruning Shears, SK5 Steel Blade Garden Clippers with Safety Lock",
        p=["Gardening & Lawn Care", "Hand Tools", "Pruning Shears"],
        vk="Style",
        v=["8-Inch Bypass", "Ratchet Anvil", "Compact 6.5-Inch Bypass"],
        pr=(14, 45),
        m="SK5 Carbon Steel",
        d=(9, 3, 1),
        w=(0.5, 3),
        f=[
            "SHARP SK5 BLADE: Clean cuts up to 3/4 inch without crushing stems",
            "NON-STICK COATING: Resists sap and rust",
            "ERGONOMIC GRIP: Cushioned handles reduce hand fatigue",
            "SAFETY LOCK: One-handed lock for safe storage",
            "REPLACEABLE PARTS: Spring and blade can be swapped",
        ],
        ds=[
            "Keep roses, shrubs and fruit trees in shape with the {b} {v} pruners. A precision-ground blade makes clean cuts that heal quickly.",
            "Wipe the blade after use and oil the pivot occasionally.",
        ],
        g=[
            "I needed to prune our overgrown rose bushes before they took over the porch.",
            "We bought a house with an old apple orchard that hadn't been trimmed in years.",
            "I have arthritis in my hands and my old clippers were painful to use.",
            "I was deadheading hydrangeas and cutting flowers for arrangements.",
        ],
        pos=[
            "It cuts thick rose canes cleanly without crushing them.",
            "The ratchet action means I can cut branches my weak grip couldn't handle before.",
            "The lock is easy to flip with one thumb.",
        ],
        neg=[
            "The blade dulled after a single afternoon of pruning.",
            "The spring fell out the first day and got lost in the mulch.",
        ],
    ),
    dict(
        k="solar path lights",
        t="{b} {v} Solar Pathway Lights Outdoor, Waterproof LED Landscape Lights for Yard and Driveway",
        p=["Outdoor Decor", "Outdoor Lighting", "Pathway Lights"],
        vk="Pack",
        v=["8-Pack Warm White", "12-Pack Stainless", "6-Pack Color Changing"],
        pr=(19, 49),
        m="Stainless Steel, Plastic",
        d=(16, 10, 6),
        w=(2, 4),
        f=[
            "AUTO ON AT DUSK: Light sensor turns lights on at night and off at sunrise",
            "NO WIRING: Solar panel and rechargeable battery; just stake in the ground",
            "UP TO 10 HOURS: Runs all night after a sunny day",
            "WEATHERPROOF: IP65 rating for rain and snow",
            "BRIGHT AND WARM: 20 lumen LED with glass-look lens",
        ],
        ds=[
            "Light up walkways and garden beds without an electrician using the {b} {v} solar lights.",
            "Place in direct sunlight and allow a full day to charge before first use.",
        ],
        g=[
            "Our front walk was pitch dark and my father kept stumbling when visiting.",
            "I wanted to outline the new flower beds so the yard looks nice at night.",
            "We needed guests to find the back gate for our outdoor party.",
            "I wanted to light the driveway edge so people stop driving onto the lawn.",
        ],
        pos=[
            "They lit the whole walkway until about two in the morning.",
            "Setup took ten minutes, no wiring at all.",
            "They've survived a winter of snow with no issues.",
        ],
        neg=[
            "They barely glow and die before ten at night even after sunny days.",
            "Water got inside and three of them stopped working after a rainstorm.",
        ],
    ),
    dict(
        k="leaf blower",
        t="{b} {v} Cordless Leaf Blower with Battery and Charger, Lightweight Electric Blower",
        p=["Outdoor Power Tools", "Blowers", "Leaf Blowers"],
        vk="Voltage",
        v=["20V", "40V Brushless", "20V Kit with 2 Batteries"],
        pr=(59, 179),
        m="Plastic",
        d=(34, 7, 11),
        w=(4, 8),
        f=[
            "POWERFUL AIRFLOW: Up to 450 CFM and 110 MPH for leaves, grass and light debris",
            "VARIABLE SPEED TRIGGER: Gentle for flower beds, turbo for wet leaves",
            "LIGHTWEIGHT: Easy one-handed operation",
            "BATTERY INCLUDED: Runs up to 30 minutes, charges in 60",
            "QUIET: Much quieter than gas models, friendly to early-morning neighbors",
        ],
        ds=[
            "Clear patios, decks and driveways with the {b} {v} cordless blower. No gas, no cords, no pull start.",
            "Use the turbo button for stubborn wet leaves and the variable trigger for delicate areas.",
        ],
        g=[
            "I was tired of raking our huge oak tree's leaves every weekend in October.",
            "I needed to clean grass clippings off the driveway after mowing.",
            "Our gas blower was so loud the neighbors complained when I used it early.",
            "I clear snow dust and pine needles off our deck and walkways year round.",
        ],
        pos=[
            "It cleared the whole patio and driveway on one battery.",
            "It's light enough that my wife uses it too.",
            "The turbo button moves even wet matted leaves.",
        ],
        neg=[
            "The battery lasts barely ten minutes on the low setting.",
            "It doesn't have enough power to move damp leaves off the lawn.",
        ],
    ),
    dict(
        k="grill cover",
        t="{b} {v} Heavy Duty Waterproof Grill Cover, 600D Fade-Resistant with Vents and Straps",
        p=["Grills & Outdoor Cooking", "Grill Accessories", "Grill Covers"],
        vk="Size",
        v=["58 Inch", "64 Inch", "72 Inch"],
        pr=(19, 45),
        m="Polyester",
        d=(14, 10, 4),
        w=(1.5, 3),
        f=[
            "600D POLYESTER: Rip-resistant and UV-resistant fabric",
            "WATERPROOF COATING: Taped seams keep rain off your grill",
            "WIND STRAPS: Buckle straps keep the cover in place in storms",
            "AIR VENTS: Reduce condensation and prevent rust",
            "PADDED HANDLES: Easy on and off",
        ],
        ds=[
            "Protect your grill investment with the {b} {v} cover. It fits most 3 to 5 burner gas grills.",
            "Measure your grill's width, depth and height before ordering.",
        ],
        g=[
            "I wanted to keep our new gas grill from rusting through a snowy winter.",
            "We live near the coast and salt air was eating our grill.",
            "Birds kept leaving droppings on the grill lid under our tree.",
            "The wind kept blowing our cheap cover off into the neighbor's yard.",
        ],
        pos=[
            "It stayed on through a storm with fifty mile an hour gusts.",
            "The grill is bone dry under it after days of rain.",
            "It still looks black, not faded, after a summer in full sun.",
        ],
        neg=[
            "It started cracking and flaking after a few months in the sun.",
            "Water soaks right through after a heavy rain.",
        ],
    ),
    dict(
        k="hummingbird feeder",
        t="{b} {v} Hummingbird Feeder with Built-In Ant Moat, Leak-Proof",
        p=["Outdoor Decor", "Bird & Wildlife Care", "Hummingbird Feeders"],
        vk="Style",
        v=["Hand Blown Glass 24 oz", "Saucer 12 oz 2-Pack", "Window Mount 8 oz"],
        pr=(12, 35),
        m="Glass",
        d=(7, 7, 10),
        w=(0.6, 1.5),
        f=[
            "5 FLOWER-SHAPED FEEDING PORTS: Bright red ports attract hummingbirds from across the yard",
            "BUILT-IN ANT MOAT: Fill with water to stop ants before they reach the nectar",
            "EASY TO CLEAN: Wide mouth and removable base with no hard-to-reach corners",
            "BEE GUARDS: Keep bees and wasps out of the feeding ports",
            "LEAK-RESISTANT: Tight gasket seal prevents dripping in the summer heat",
        ],
        ds=[
            "Invite hummingbirds to your garden with the {b} {v} feeder. Hang it where you can see it from a window and near flowers for the best results.",
            "Mix one part white sugar to four parts water; no red dye needed. Change nectar every 2 to 3 days in hot weather.",
        ],
        g=[
            "I wanted to attract hummingbirds to watch from our back porch.",
            "My grandmother loves birds and I got this to hang outside her assisted living window.",
            "Ants kept swarming the old feeder and I needed a moat.",
            "We were creating a pollinator garden and wanted hummingbirds as visitors.",
        ],
        pos=[
            "We had our first hummingbird within two days of hanging it.",
            "The ant moat works; no more ants in the nectar.",
            "It doesn't drip even on hot days.",
        ],
        neg=[
            "It leaks all over the deck within hours of filling.",
            "The glass cracked after one week in the sun.",
        ],
    ),
    dict(
        k="garden kneeler",
        t="{b} {v} Garden Kneeler and Seat with Tool Pouches, Foldable Heavy Duty Stool",
        p=["Gardening & Lawn Care", "Gardening Workwear", "Kneelers & Kneepads"],
        vk="Color",
        v=["Green", "Blue", "Black Extra Wide"],
        pr=(29, 59),
        m="Steel, EVA Foam",
        d=(23, 11, 19),
        w=(6, 9),
        f=[
            "2-IN-1 DESIGN: Flip it over to use as a padded kneeler or a sturdy bench seat",
            "SUPPORT HANDLES: Push yourself up from kneeling without straining knees or back",
            "EXTRA THICK EVA FOAM PAD: Cushions knees on hard ground, gravel and patios",
            "DETACHABLE TOOL POUCHES: Side pockets hold trowels, gloves, twine and seed packets",
            "FOLDS FLAT: Light steel frame supports up to 330 lb and hangs on a hook",
        ],
        ds=[
            "Garden longer with less strain on your knees and back using the {b} {v} kneeler and seat.",
            "The powder-coated steel frame resists rust, and the foam wipes clean after a muddy day.",
        ],
        g=[
            "I had knee replacement surgery and still wanted to plant my flower beds.",
            "I spend hours weeding our vegetable garden and my back was killing me.",
            "I got this for my mom's birthday because she refuses to stop gardening at 80.",
            "I was planting two hundred tulip bulbs along the driveway.",
        ],
        pos=[
            "The handles make getting up from the ground so much easier.",
            "The foam is thick enough to kneel on gravel.",
            "The tool pouches keep my gloves and trowel within reach.",
        ],
        neg=[
            "The frame wobbles and the seat tilted when I sat on it.",
            "The foam pad split at the seams within a month.",
        ],
    ),
    dict(
        k="fire pit",
        t="{b} {v} Outdoor Wood Burning Fire Pit with Spark Screen and Poker",
        p=["Outdoor Heating", "Fire Pits"],
        vk="Size",
        v=["32 Inch Square", "24 Inch Round Smokeless", "36 Inch Bowl"],
        pr=(69, 249),
        m="Steel",
        d=(32, 32, 20),
        w=(20, 45),
        f=[
            "DEEP BOWL: Holds larger logs for a long, steady fire",
            "SPARK SCREEN: Mesh lid reduces flying embers",
            "HEAT-RESISTANT FINISH: High-temperature paint resists rust",
            "INCLUDES POKER AND COVER: Tend the fire and protect the pit",
            "GRILL GRATE: Roast hot dogs or marshmallows",
        ],
        ds=[
            "Gather around the {b} {v} fire pit for cool evenings on the patio.",
            "Always place on a non-flammable surface and keep 10 feet from structures.",
        ],
        g=[
            "We wanted somewhere to roast s'mores with the kids on fall evenings.",
            "I wanted our friends to be able to stay out on the patio past September.",
            "We hosted a Halloween party in the backyard and needed a gathering spot.",
            "I was finishing a paver patio project and wanted a centerpiece.",
        ],
        pos=[
            "It throws a lot of heat and we sat outside comfortably at forty degrees.",
            "The spark screen keeps embers down even with the kids nearby.",
            "It assembled in about fifteen minutes.",
        ],
        neg=[
            "It rusted through in one season even with the cover.",
            "The bowl warped after the second fire.",
        ],
    ),
    dict(
        k="patio umbrella",
        t="{b} {v} Patio Umbrella with Push Button Tilt and Crank, Outdoor Market Table Umbrella",
        p=["Patio Furniture & Accessories", "Umbrellas & Shade", "Patio Umbrellas"],
        vk="Size",
        v=["9 ft Navy", "7.5 ft Tan", "10 ft Sage"],
        pr=(39, 199),
        m="Polyester, Aluminum",
        d=(60, 7, 7),
        w=(9, 30),
        f=[
            "UV PROTECTION: Fade-resistant polyester canopy blocks up to 98% of UV rays",
            "EASY CRANK: Open and close with a smooth crank",
            "PUSH-BUTTON TILT: Angle the shade as the sun moves",
            "WIND VENT: Air vent improves stability on breezy days",
            "RUST-FREE ALUMINUM POLE: With 8 sturdy ribs",
        ],
        ds=[
            "Stay cool on the patio with the {b} {v} umbrella. Fits most outdoor tables with a 1.5 inch hole.",
            "Close the umbrella when not in use and in high winds.",
        ],
        g=[
            "Our deck faces west and was too hot to sit on in the afternoon.",
            "I wanted shade for my toddler's outdoor playtime.",
            "We were hosting an outdoor brunch for my parents' anniversary.",
            "I work from the patio sometimes and needed shade for my laptop screen.",
        ],
        pos=[
            "It noticeably cools the whole table area.",
            "The crank and tilt work smoothly.",
            "The color hasn't faded after a full summer.",
        ],
        neg=[
            "A rib snapped in light wind the first week.",
            "The crank stripped and now it won't stay open.",
        ],
    ),
    dict(
        k="drip irrigation kit",
        t="{b} {v} Drip Irrigation Kit with Timer, Garden Watering System for Raised Beds",
        p=["Gardening & Lawn Care", "Watering Equipment", "Drip Irrigation Kits"],
        vk="Size",
        v=["100 ft", "50 ft", "150 ft"],
        pr=(25, 79),
        m="Polyethylene",
        d=(12, 10, 6),
        w=(2, 5),
        f=[
            "COMPLETE KIT: Tubing, drippers, micro sprayers, stakes and connectors",
            "WATER SAVING: Delivers water directly to roots with less evaporation",
            "ADJUSTABLE DRIPPERS: Customize flow for each plant",
            "EASY INSTALL: Tool-free barbed connectors",
            "DIGITAL TIMER: Set watering schedules while you're away",
        ],
        ds=[
            "Water smarter with the {b} {v} drip kit. It works for raised beds, containers, hedges and greenhouses.",
            "Flush lines after installation and use the filter to prevent clogs.",
        ],
        g=[
            "We go on vacation for two weeks every July and the garden always dies.",
            "Our town has watering restrictions and I needed to use less water.",
            "I wanted to stop hand-watering thirty tomato plants every evening.",
            "I set up containers on our balcony and needed automatic watering.",
        ],
        pos=[
            "The timer kept everything alive while we were away for two weeks.",
            "Installation took an afternoon and nothing leaked.",
            "Our water bill went down while the garden looked better.",
        ],
        neg=[
            "The connectors keep popping off under normal water pressure.",
            "The timer stopped working after a month.",
        ],
    ),
    dict(
        k="rain barrel",
        t="{b} {v} Rain Barrel with Brass Spigot, Overflow Kit and Debris Screen",
        p=["Gardening & Lawn Care", "Watering Equipment", "Rain Barrels"],
        vk="Capacity",
        v=["50 Gallon", "65 Gallon Oak Look", "80 Gallon"],
        pr=(49, 149),
        m="Polyethylene",
        d=(24, 24, 33),
        w=(10, 25),
        f=[
            "COLLECTS RAINWATER FROM YOUR ROOF: Diverter kit connects to standard 2x3 and 3x4 inch downspouts",
            "SOLID BRASS SPIGOT: Threads onto a standard garden hose or fills a watering can",
            "FINE MESH DEBRIS SCREEN: Keeps out leaves, twigs and mosquitoes",
            "OVERFLOW PORT AND LINKING KIT: Send excess water away from the foundation or into a second barrel",
            "UV-STABILIZED POLYETHYLENE: Resists cracking and fading in full sun",
        ],
        ds=[
            "Capture free, chlorine-free water for gardens and lawns with the {b} {v} rain barrel. Just a quarter inch of rain on a 1,000 square foot roof can fill a 50 gallon barrel.",
            "Place on a level, elevated base such as cinder blocks for better water pressure, and drain before hard freezes.",
        ],
        g=[
            "I wanted free water for the garden during our dry summers.",
            "We were trying to reduce runoff into the creek behind our house.",
            "Our water bill doubled in summer and I wanted to cut it down.",
            "I keep a few chickens and wanted a water source near the coop.",
        ],
        pos=[
            "A single storm filled it to the top.",
            "The screen keeps mosquitoes out completely.",
            "It looks decent next to the house, not like a trash can.",
        ],
        neg=["The spigot leaked from day one.", "It split at a seam after the first freeze."],
    ),
    dict(
        k="tomato cages",
        t="{b} {v} Tomato Cages for Garden, Heavy Duty Plant Support Stakes",
        p=["Gardening & Lawn Care", "Plant Support", "Tomato Cages"],
        vk="Pack",
        v=["3-Pack 48 Inch", "6-Pack 60 Inch", "10-Pack Square Folding"],
        pr=(19, 49),
        m="Steel",
        d=(48, 12, 3),
        w=(5, 14),
        f=[
            "TALL HEAVY-GAUGE SUPPORT: Holds sprawling indeterminate tomatoes loaded with fruit",
            "FOLDS FLAT FOR STORAGE: Hinged panels collapse so cages stack neatly in a shed",
            "PLASTIC-COATED STEEL CORE: Strong steel inside, weatherproof coating outside",
            "ADJUSTABLE AND STACKABLE: Clip panels together to make taller or wider supports",
            "MULTIPURPOSE: Peppers, peonies, cucumbers, peas, beans and climbing flowers",
        ],
        ds=[
            "Keep heavy vines upright and fruit off the soil with the {b} {v} tomato cages. Good airflow around leaves helps reduce blight and rot.",
            "Install cages when plants are small to avoid damaging the roots later in the season.",
        ],
        g=[
            "Last year our tomato plants collapsed under their own weight.",
            "I was growing cucumbers vertically to save space in a small yard.",
            "We planted twelve heirloom tomato plants and needed sturdy support.",
            "I wanted cages I could fold and store in our tiny shed.",
        ],
        pos=[
            "They hold up six-foot tomato plants loaded with fruit.",
            "They fold flat and stack neatly in the shed.",
            "No rust after a rainy season.",
        ],
        neg=[
            "They bent over when the plants got heavy.",
            "The coating chipped and they rusted right away.",
        ],
    ),
    dict(
        k="bird bath",
        t="{b} {v} Bird Bath for Outdoors with Solar Fountain Pump",
        p=["Outdoor Decor", "Bird & Wildlife Care", "Bird Baths"],
        vk="Style",
        v=["Pedestal Resin", "Deck Mount", "Ground Level Stone Look"],
        pr=(25, 89),
        m="Resin",
        d=(20, 20, 26),
        w=(4, 15),
        f=[
            "SOLAR FOUNTAIN INCLUDED: Moving water and gentle splashing attract more songbirds",
            "SHALLOW, TEXTURED BASIN: Safe 2 inch depth and grippy surface for small birds",
            "WEATHERPROOF RESIN: Looks like cast stone at a fraction of the weight",
            "EASY TO CLEAN: The bowl lifts off the pedestal for scrubbing and refilling",
            "ALL-SEASON OPTION: Heated model keeps water from freezing in winter",
        ],
        ds=[
            "Give birds a reliable place to drink and bathe with the {b} {v} bird bath. Fresh water attracts species that never visit seed feeders, like robins and bluebirds.",
            "Change the water every few days and scrub the basin weekly to keep it fresh and algae-free.",
        ],
        g=[
            "We wanted a focal point in our new pollinator garden.",
            "I noticed birds struggling to find water during the summer heat wave.",
            "I wanted a memorial piece in the garden for my late father who loved birds.",
            "We wanted to attract more birds so our kids could learn their names.",
        ],
        pos=[
            "Robins and sparrows started bathing in it the first day.",
            "The solar fountain runs all afternoon in direct sun.",
            "It looks like real stone but is easy to move.",
        ],
        neg=[
            "The solar pump stops every time a cloud goes by.",
            "The resin cracked after the first frost.",
        ],
    ),
    dict(
        k="grow light",
        t="{b} {v} LED Grow Light for Indoor Plants, Full Spectrum with Timer and Adjustable Stand",
        p=["Gardening & Lawn Care", "Indoor Gardening & Hydroponics", "Grow Lights"],
        vk="Style",
        v=["4-Head Clip-On", "3-Head Clip-On", "4-Head with Floor Stand"],
        pr=(25, 79),
        m="Aluminum, Plastic",
        d=(15, 10, 4),
        w=(1.5, 5),
        f=[
            "FULL SPECTRUM LEDS: Red, blue and white diodes mimic sunlight for seedlings, herbs and houseplants",
            "AUTO ON/OFF TIMER: 4, 8 and 12 hour cycles repeat every day",
            "5 DIMMABLE LEVELS: Low for seedlings, high for fruiting plants",
            "FLEXIBLE GOOSENECK ARMS: Aim light exactly where plants need it",
            "LOW HEAT OUTPUT: Safe close to leaves without scorching",
        ],
        ds=[
            "Grow fresh herbs and strong seedlings anywhere with the {b} {v} grow light, even in rooms with little natural light.",
            "Hang or position lights 6 to 12 inches above plants and raise them as plants grow.",
        ],
        g=[
            "I wanted to grow basil and cilantro in our dark kitchen through the winter.",
            "My seedlings were getting tall and leggy on the windowsill.",
            "I keep a collection of succulents in a basement apartment with one tiny window.",
            "We were trying to overwinter our potted lemon tree indoors.",
        ],
        pos=[
            "My seedlings are short and stocky now instead of leggy.",
            "The timer is a lifesaver; I don't have to remember anything.",
            "Our basil has been growing all winter.",
        ],
        neg=[
            "Two of the heads stopped working within a month.",
            "The clip is weak and the light droops onto the plants.",
        ],
    ),
]

SPORTS_AND_OUTDOORS = [
    dict(
        k="tent",
        t="{b} {v} Camping Tent, Waterproof Dome Tent with Rainfly and Easy Setup",
        p=["Outdoor Recreation", "Camping & Hiking", "Tents & Shelters", "Tents"],
        vk="Capacity",
        v=["4-Person", "6-Person", "3-Person"],
        pr=(59, 249),
        m="Polyester",
        d=(25, 8, 8),
        w=(4, 22),
        f=[
            "WEATHER READY: Full-coverage rainfly with 2000 mm coating and taped seams",
            "FAST SETUP: Color-coded poles and clips pitch in about 10 minutes",
            "ROOMY INTERIOR: Near-vertical walls and gear loft",
            "VENTILATION: Mesh ceiling and windows reduce condensation",
            "CARRY BAG INCLUDED: Compact packed size for the trunk or trail",
        ],
        ds=[
            "Sleep dry under the stars in the {b} {v} tent. Built for family campgrounds, festivals and weekend trips.",
            "Practice pitching at home before your first trip and always stake out the rainfly.",
        ],
        g=[
            "We were taking our kids on their first camping trip to a state park.",
            "I was planning a three-night canoe camping trip with my brother.",
            "We needed shelter for a weekend music festival.",
            "My scout troop needed a few extra tents for our spring campout.",
            "I wanted to try car camping solo along the coast this summer.",
        ],
        pos=[
            "It stayed completely dry inside through a night of heavy rain.",
            "I pitched it alone in about ten minutes by headlamp.",
            "There's enough room for two adults, two kids and our bags.",
        ],
        neg=[
            "The rainfly leaked at the seams during the first storm and soaked our sleeping bags.",
            "A pole snapped while we were setting it up the first time.",
        ],
    ),
    dict(
        k="sleeping bag",
        t="{b} {v} Sleeping Bag for Adults, 3-Season Lightweight Mummy Bag with Compression Sack",
        p=[
            "Outdoor Recreation",
            "Camping & Hiking",
            "Sleeping Bags & Camp Bedding",
            "Sleeping Bags",
        ],
        vk="Rating",
        v=["20 F", "40 F", "0 F"],
        pr=(39, 199),
        m="Polyester",
        d=(16, 9, 9),
        w=(2, 5),
        f=[
            "TEMPERATURE RATED: Tested comfort and limit ratings so you can pick the right bag for the season",
            "MUMMY SHAPE WITH DRAWCORD HOOD: Traps warm air around your head and shoulders",
            "TWO-WAY ANTI-SNAG ZIPPER: Insulated draft tube keeps cold air out along the zip",
            "COMPRESSION SACK INCLUDED: Packs down small for backpacking",
            "WATER-RESISTANT RIPSTOP SHELL: Sheds tent condensation and morning dew",
        ],
        ds=[
            "Stay warm on cold nights with the {b} {v} sleeping bag. Synthetic insulation keeps insulating even when damp, and a contoured footbox lets your feet rest naturally.",
            "Store uncompressed in the included storage sack at home to preserve loft, and use a sleeping pad for insulation from the ground.",
        ],
        g=[
            "I was backpacking in the Rockies in late September when nights drop below freezing.",
            "My son needed a warm bag for his first winter scout campout.",
            "I wanted something light enough for a week-long thru-hike section.",
            "We car camp in the mountains and my old rectangular bag was freezing.",
        ],
        pos=[
            "I slept warm on a 30 degree night with just a base layer.",
            "It compresses down to the size of a loaf of bread.",
            "The zipper never snagged once.",
        ],
        neg=[
            "I was cold at fifty degrees; the rating is way off.",
            "The zipper split on the second night.",
        ],
    ),
    dict(
        k="trekking poles",
        t="{b} {v} Trekking Poles, Collapsible Hiking Poles with Quick Lock and Cork Grips",
        p=["Outdoor Recreation", "Camping & Hiking", "Hiking Poles"],
        vk="Material",
        v=["Aluminum 2-Pack", "Carbon Fiber 2-Pack", "Folding Z-Pole Ultralight"],
        pr=(29, 99),
        m="Aluminum",
        d=(26, 4, 3),
        w=(0.9, 1.3),
        f=[
            "QUICK FLIP LOCKS: Adjust height in seconds",
            "CORK GRIPS: Wick sweat and mold to your hands",
            "SHOCK ABSORBING: Reduces stress on knees",
            "ALL-TERRAIN ACCESSORIES: Rubber tips, mud and snow baskets included",
            "COLLAPSIBLE: Fits in a carry-on or pack side pocket",
        ],
        ds=[
            "Take weight off your knees on steep descents with the {b} {v} trekking poles.",
            "Set pole height so your elbows are at 90 degrees on flat ground.",
        ],
        g=[
            "I was training to hike Half Dome and my knees ached on the steep descents.",
            "I'm recovering from an ankle sprain and wanted extra stability on the trails.",
            "We were hiking the Camino de Santiago and needed poles that fit in carry-on luggage.",
            "I needed poles to pitch my trekking-pole tent on backpacking trips.",
        ],
        pos=[
            "My knees felt much better coming down a 3000-foot descent.",
            "The locks hold firm, no slipping even when I lean hard.",
            "They pack down small enough for my carry-on.",
        ],
        neg=[
            "One lock loosened repeatedly and the pole collapsed on a downhill.",
            "A pole section bent on the first rocky trail.",
        ],
    ),
    dict(
        k="yoga mat",
        t="{b} {v} Yoga Mat, Non-Slip Exercise Mat with Alignment Lines and Carry Strap",
        p=["Exercise & Fitness", "Yoga", "Yoga Mats"],
        vk="Thickness",
        v=["1/4 Inch", "1/2 Inch Extra Thick", "4mm Natural Rubber"],
        pr=(19, 79),
        m="TPE",
        d=(26, 6, 6),
        w=(2, 7),
        f=[
            "NON-SLIP DUAL TEXTURE: Grippy on both sides to hold poses and stay put on hard floors",
            "JOINT-FRIENDLY CUSHIONING: Protects knees, hips and spine on hardwood and tile",
            "ALIGNMENT LINES: Printed guides help with hand and foot placement",
            "LIGHTWEIGHT WITH CARRY STRAP: Easy to take to class or the park",
            "EASY TO CLEAN: Closed-cell surface wipes clean with mild soap and water",
        ],
        ds=[
            "Practice with confidence on the {b} {v} yoga mat. Suitable for yoga, pilates, stretching and floor workouts.",
            "Unroll and let the mat lie flat for a day before your first session; any new-mat scent fades quickly.",
        ],
        g=[
            "I was starting a thirty-day yoga challenge at home.",
            "My physical therapist gave me floor exercises for my lower back.",
            "I joined a hot yoga studio and my hands kept slipping on my old mat.",
            "I wanted to do pilates during my lunch break at the office.",
        ],
        pos=[
            "Even in hot yoga my hands don't slide in downward dog.",
            "It's thick enough that my knees don't hurt on the hardwood floor.",
            "The alignment lines help me keep my stance square.",
        ],
        neg=[
            "It smelled strongly of rubber for weeks.",
            "The surface started peeling and flaking after a month.",
        ],
    ),
    dict(
        k="adjustable dumbbells",
        t="{b} {v} Adjustable Dumbbells Set with Tray, Quick Dial Weight Selection",
        p=["Exercise & Fitness", "Strength Training Equipment", "Dumbbells"],
        vk="Weight",
        v=["5-52.5 lb Pair", "5-25 lb Pair", "10-90 lb Pair"],
        pr=(99, 399),
        m="Steel",
        d=(17, 8, 9),
        w=(50, 105),
        f=[
            "REPLACES 15 PAIRS OF WEIGHTS: Dial from the lightest to the heaviest setting in 2.5 lb steps",
            "QUICK DIAL SELECTION: Turn the end dials and lift; the unused plates stay in the tray",
            "SPACE SAVING: The whole set fits in a two foot square corner",
            "DURABLE MOLDED PLATES: Steel plates with a protective coating reduce clanging",
            "STORAGE TRAYS INCLUDED: Keep plates aligned and floors protected",
        ],
        ds=[
            "Build strength at home without a rack of weights using the {b} {v} adjustable dumbbells. Ideal for presses, rows, lunges and curls.",
            "Always set the dumbbell fully in its tray before turning the dials.",
        ],
        g=[
            "We were setting up a home gym in the garage to cancel our gym memberships.",
            "I needed progressive weights for my postpartum strength program.",
            "My apartment is tiny and a full dumbbell rack wasn't an option.",
            "I was following a twelve-week muscle building plan and needed to increase weights.",
        ],
        pos=[
            "Changing weight takes about two seconds between sets.",
            "They take up less space than a pair of shoes.",
            "The plates lock solidly with no rattle during presses.",
        ],
        neg=[
            "The dial jammed and a plate fell off during a curl.",
            "The handles are so long they hit my knees during rows.",
        ],
    ),
    dict(
        k="bike helmet",
        t="{b} {v} Bike Helmet for Adults with Rechargeable Rear Light and Adjustable Fit",
        p=["Sports", "Cycling", "Helmets"],
        vk="Size",
        v=["Medium/Large", "Small/Medium", "Large/X-Large"],
        pr=(29, 89),
        m="EPS Foam, Polycarbonate",
        d=(11, 9, 7),
        w=(0.6, 1),
        f=[
            "CPSC CERTIFIED: Meets US safety standards for bicycle helmets",
            "USB RECHARGEABLE REAR LIGHT: Three modes help drivers see you at dusk and in rain",
            "ONE-HAND DIAL FIT: Adjust the fit on the move",
            "18 VENTS: Channel air across your head on hot rides",
            "REMOVABLE VISOR: Blocks sun and light rain",
        ],
        ds=[
            "Ride safer on commutes and trails with the {b} {v} bike helmet. An in-mold EPS liner bonded to a polycarbonate shell keeps weight down.",
            "Replace your helmet after any crash, even if no damage is visible.",
        ],
        g=[
            "I started commuting to work by bike and needed to be visible in traffic.",
            "My daughter learned to ride without training wheels this summer.",
            "We were doing a family bike tour along a rail trail.",
            "I'm getting back into cycling after twenty years and wanted a proper helmet.",
        ],
        pos=[
            "The rear light is bright and the battery lasts all week of commutes.",
            "The dial makes getting a snug fit easy.",
            "It's light and well-ventilated on hot rides.",
        ],
        neg=[
            "The light stopped charging after two weeks.",
            "The fit dial broke and the helmet now sits loose.",
        ],
    ),
    dict(
        k="kayak paddle",
        t="{b} {v} Kayak Paddle, Lightweight Adjustable Shaft with Drip Rings",
        p=["Sports", "Water Sports", "Kayaking", "Paddles"],
        vk="Length",
        v=["230 cm Aluminum", "220 cm Fiberglass", "240 cm Carbon"],
        pr=(39, 179),
        m="Aluminum",
        d=(90, 7, 3),
        w=(2, 3.5),
        f=[
            "ADJUSTABLE FEATHERING: Set 0, 30, 45 or 60 degrees for left or right hand control",
            "FLOATS IF DROPPED: Sealed shaft stays on the surface",
            "DRIP RINGS: Keep water from running down the shaft onto your hands and lap",
            "BREAKS DOWN INTO 4 PIECES: Fits in a car trunk or duffel",
            "REINFORCED NYLON BLADES: Resist cracking on rocks and launches",
        ],
        ds=[
            "Paddle farther with less effort using the {b} {v} kayak paddle. An oval indexed grip helps you keep the blade angle right without looking.",
            "Rinse with fresh water after saltwater use and store out of direct sun.",
        ],
        g=[
            "I bought a kayak to explore the lakes near our cabin and the included paddle was awful.",
            "I was training for a ten-mile river paddle race.",
            "We went on a family kayak trip in the Everglades and needed spare paddles.",
            "I paddle to fish in the bay and wanted something lighter for long days.",
        ],
        pos=[
            "It is noticeably lighter and my shoulders weren't sore after four hours.",
            "The drip rings keep my lap dry.",
            "It floats, which was a relief when I dropped it.",
        ],
        neg=[
            "The ferrule got stuck and I couldn't break it down.",
            "A blade cracked on the first rock I touched.",
        ],
    ),
    dict(
        k="headlamp",
        t="{b} {v} LED Headlamp Rechargeable, Waterproof with Red Light and Motion Sensor",
        p=["Outdoor Recreation", "Camping & Hiking", "Lights & Lanterns", "Headlamps"],
        vk="Brightness",
        v=["1200 Lumen", "400 Lumen 2-Pack", "2000 Lumen"],
        pr=(15, 49),
        m="Aluminum, Plastic",
        d=(4, 3, 2),
        w=(0.2, 0.4),
        f=[
            "BRIGHT FLOOD AND SPOT BEAMS: Lights up the trail far ahead or the campsite around you",
            "RED LIGHT MODE: Preserves night vision and won't blind tentmates",
            "MOTION SENSOR: Wave a hand to switch on and off with gloves or dirty hands",
            "USB-C RECHARGEABLE: Up to 40 hours on low",
            "IPX6 WATERPROOF: Works in heavy rain and sweaty runs",
        ],
        ds=[
            "Go hands-free in the dark with the {b} {v} headlamp. The tilting lamp head and soft, adjustable strap stay comfortable over hats and helmets.",
            "Fully charge before first use; the battery indicator shows remaining power.",
        ],
        g=[
            "I run before sunrise and needed to see the road in the dark.",
            "We were setting up camp after dark on our first trip.",
            "I do car repairs in the garage and needed hands-free light.",
            "I was preparing an emergency kit for hurricane season.",
        ],
        pos=[
            "It lit up the trail far ahead on a pre-dawn run.",
            "The red light is perfect for reading in the tent without waking anyone.",
            "The battery lasted a whole weekend camping.",
        ],
        neg=[
            "The strap lost its stretch and it bounces while running.",
            "It won't hold a charge after a month.",
        ],
    ),
    dict(
        k="fishing rod combo",
        t="{b} {v} Fishing Rod and Reel Combo, Telescopic Rod with Spinning Reel and Tackle Box",
        p=["Sports", "Fishing", "Fishing Rod & Reel Combos"],
        vk="Length",
        v=["7 ft Medium", "6 ft Kids", "8 ft Saltwater"],
        pr=(29, 99),
        m="Carbon Fiber",
        d=(28, 4, 4),
        w=(1.5, 3),
        f=[
            "TELESCOPIC CARBON FIBER ROD: Collapses to about 20 inches for travel and storage",
            "SMOOTH SPINNING REEL: 12+1 ball bearings and a front drag",
            "COMPLETE STARTER KIT: Pre-spooled line, lures, hooks, sinkers and a tackle box",
            "FRESH AND SALTWATER READY: Corrosion-resistant guides and reel",
            "CARRY CASE INCLUDED: Makes a great gift for new anglers",
        ],
        ds=[
            "Everything you need to start fishing is in the {b} {v} combo. The medium action rod handles panfish, bass and trout.",
            "Rinse after saltwater use and loosen the drag before storing.",
        ],
        g=[
            "I wanted to take my grandson fishing for the first time at the pond.",
            "I was getting back into fishing after moving near a lake.",
            "We went on a beach vacation and wanted to try surf fishing.",
            "I needed something compact to keep in the car for fishing after work.",
        ],
        pos=[
            "My grandson caught three bluegill the first afternoon.",
            "The reel is smooth and casts farther than I expected.",
            "It collapses small enough to fit behind the car seat.",
        ],
        neg=[
            "The reel handle fell off while reeling in a bass.",
            "The line tangles constantly on the spool.",
        ],
    ),
    dict(
        k="hydration pack",
        t="{b} {v} Hydration Backpack with Leak-Proof Water Bladder for Hiking and Running",
        p=["Outdoor Recreation", "Camping & Hiking", "Hydration Packs"],
        vk="Capacity",
        v=["2L Bladder", "3L Bladder", "1.5L Running Vest"],
        pr=(25, 79),
        m="Nylon",
        d=(18, 10, 3),
        w=(0.8, 1.8),
        f=[
            "LEAK-PROOF BPA-FREE BLADDER: Wide opening for ice cubes and easy cleaning",
            "ON-OFF BITE VALVE: Sip without stopping and shut it off to prevent drips",
            "BREATHABLE MESH BACK PANEL: Keeps air moving so your back stays cooler",
            "STORAGE POCKETS: Room for keys, phone, snacks and a light layer",
            "REFLECTIVE ACCENTS: Visible on early morning and evening runs and rides",
        ],
        ds=[
            "Stay hydrated on long runs, rides and hikes with the {b} {v} hydration pack. Sternum and waist straps keep it stable without bouncing.",
            "Rinse the bladder after every use and dry it open to prevent mildew.",
        ],
        g=[
            "I was training for my first trail half marathon.",
            "We were hiking the Grand Canyon in summer and needed lots of water.",
            "I ride mountain bikes and stopping for a bottle breaks my rhythm.",
            "I wanted to keep my son hydrated during long cross-country ski days.",
        ],
        pos=[
            "It doesn't bounce at all when I run.",
            "The bladder has no plastic taste.",
            "There's room for snacks, keys and a phone.",
        ],
        neg=[
            "The bladder leaked down my back on the first hike.",
            "The bite valve started dripping constantly.",
        ],
    ),
    dict(
        k="resistance bands",
        t="{b} {v} Resistance Bands Set, Exercise Bands with Handles, Door Anchor and Ankle Straps",
        p=["Exercise & Fitness", "Strength Training Equipment", "Resistance Bands"],
        vk="Set",
        v=["11-Piece", "14-Piece", "11-Piece with Exercise Poster"],
        pr=(12, 39),
        m="Latex",
        d=(9, 7, 3),
        w=(1, 2.5),
        f=[
            "STACKABLE RESISTANCE: Combine bands for up to 150 lb of resistance",
            "DOOR ANCHOR: Turns any door into a cable machine for rows, presses and pulldowns",
            "CUSHIONED FOAM HANDLES: Comfortable grip for high-rep sets",
            "ANKLE STRAPS: For glute kickbacks, leg raises and hip work",
            "TRAVEL BAG AND EXERCISE GUIDE: Take your workout anywhere",
        ],
        ds=[
            "Get a full-body strength workout anywhere with the {b} {v} resistance bands, from hotel rooms to living rooms to physical therapy sessions.",
            "Inspect bands before each use for nicks or tears and avoid sharp edges when anchoring.",
        ],
        g=[
            "I travel for work every week and wanted to work out in hotel rooms.",
            "My physical therapist gave me shoulder rehab exercises after rotator cuff surgery.",
            "I was building glute strength for my running form.",
            "My parents wanted gentle strength training at home in their seventies.",
        ],
        pos=[
            "I get a real workout in my hotel room in twenty minutes.",
            "The door anchor is solid and doesn't slip.",
            "Having different resistance levels helps with my PT progression.",
        ],
        neg=[
            "A band snapped and hit my arm during a row.",
            "The handles' stitching came apart after a few weeks.",
        ],
    ),
    dict(
        k="foam roller",
        t="{b} {v} Foam Roller for Muscle Massage, High-Density Deep Tissue Roller",
        p=["Exercise & Fitness", "Accessories", "Foam Rollers"],
        vk="Size",
        v=["13 Inch Textured", "18 Inch Textured", "24 Inch Textured"],
        pr=(15, 79),
        m="EVA Foam",
        d=(13, 6, 6),
        w=(1, 3),
        f=[
            "MULTI-DENSITY SURFACE: Ridges and knobs mimic a massage therapist's fingers and palms",
            "STRONG HOLLOW CORE: Holds up to 500 lb without losing shape",
            "TRAVEL SIZE: Fits in a gym bag or carry-on",
            "ONLINE ROUTINES: Guided videos for calves, IT band, quads, back and shoulders",
            "FIRM DEEP-TISSUE PRESSURE: Helps loosen tight muscles after training",
        ],
        ds=[
            "Roll out tight muscles before and after workouts with the {b} {v} foam roller. Regular rolling can improve mobility and reduce soreness.",
            "Roll slowly for 30 to 60 seconds on each muscle group and avoid rolling directly on joints.",
        ],
        g=[
            "My IT band was tight from marathon training and I needed relief between runs.",
            "I sit at a desk all day and wanted to loosen my upper back.",
            "I started CrossFit and was stiff for days after each workout.",
            "My soccer coach suggested rolling before practice to prevent injuries.",
        ],
        pos=[
            "It really works out the knots in my calves after long runs.",
            "Firm enough for deep work but I can control the pressure.",
            "It fits in my gym bag.",
        ],
        neg=["It lost its shape after a month.", "The texture is so hard it left bruises."],
    ),
    dict(
        k="jump rope",
        t="{b} {v} Jump Rope, Tangle-Free with Ball Bearings and Adjustable Length",
        p=["Exercise & Fitness", "Cardio Training", "Jump Ropes"],
        vk="Style",
        v=["Speed Cable", "Weighted 1 lb", "Speed Cable 2-Pack"],
        pr=(9, 29),
        m="Steel Cable, PVC",
        d=(7, 6, 2),
        w=(0.3, 1.2),
        f=[
            "BALL BEARING HANDLES: Smooth, fast rotation for speed work and double-unders",
            "ADJUSTABLE LENGTH: Cut or adjust the cable to fit your height in seconds",
            "TANGLE-FREE COATED CABLE: Holds its shape and doesn't kink",
            "MEMORY FOAM GRIPS: Comfortable and secure when your hands are sweaty",
            "CARRY POUCH: Toss it in a gym bag or suitcase",
        ],
        ds=[
            "Burn calories and sharpen footwork anywhere with the {b} {v} jump rope. Ten minutes of skipping makes a tough cardio session.",
            "Use on smooth surfaces like wood, rubber gym mats or smooth concrete to protect the cable.",
        ],
        g=[
            "I was learning double-unders for CrossFit.",
            "I wanted quick cardio in my apartment on rainy days.",
            "I box recreationally and wanted to improve footwork.",
            "My kids' school had a jump rope for heart fundraiser.",
        ],
        pos=[
            "It spins fast and smooth and I finally got my double-unders.",
            "Adjusting the length was quick and easy.",
            "It doesn't kink like my old PVC rope.",
        ],
        neg=[
            "The cable frayed after a week on concrete.",
            "A handle cracked and the bearing fell out.",
        ],
    ),
    dict(
        k="camping stove",
        t="{b} {v} Portable Camping Stove, Propane Burner with Piezo Ignition and Carry Case",
        p=["Outdoor Recreation", "Camping & Hiking", "Camp Kitchen", "Camping Stoves"],
        vk="Style",
        v=["2-Burner Propane", "2-Burner Propane with Griddle", "Single Burner Butane"],
        pr=(25, 119),
        m="Steel",
        d=(22, 13, 4),
        w=(1, 12),
        f=[
            "POWERFUL BURNERS: Boils a liter of water in about 4 minutes",
            "PUSH-BUTTON PIEZO IGNITION: Lights instantly without matches",
            "WIND SHIELDS: Fold-out panels protect the flame on breezy days",
            "PRECISE FLAME CONTROL: Turn down to a simmer for pancakes and sauces",
            "CARRY CASE INCLUDED: Compact and protected for travel",
        ],
        ds=[
            "Cook real meals at camp with the {b} {v} stove. It runs on standard fuel canisters available at most outdoor and hardware stores.",
            "Use outdoors only, on a level surface and away from tents and other flammable materials.",
        ],
        g=[
            "We were cooking pancakes for the whole family at a campground.",
            "We cook dinner at the campsite every night on our annual lake trip.",
            "We kept one in the emergency kit in case of power outages.",
            "I wanted to make hot coffee while tailgating at football games.",
        ],
        pos=[
            "It boils a liter of water in about four minutes.",
            "The simmer control is good enough for pancakes.",
            "It fits neatly in our camping bin.",
        ],
        neg=[
            "The igniter stopped working on the second trip.",
            "The flame blows out with any breeze.",
        ],
    ),
    dict(
        k="water bottle",
        t="{b} {v} Insulated Water Bottle with Straw Lid, Stainless Steel Vacuum Double Wall",
        p=["Outdoor Recreation", "Camping & Hiking", "Hydration & Filtration", "Water Bottles"],
        vk="Capacity",
        v=["32 oz", "24 oz", "64 oz"],
        pr=(15, 45),
        m="Stainless Steel",
        d=(4, 4, 11),
        w=(0.8, 1.8),
        f=[
            "24 HOURS COLD, 12 HOURS HOT: Double-wall vacuum insulation",
            "LEAKPROOF STRAW LID: Plus a wide-mouth chug lid for ice cubes",
            "SWEAT-FREE EXTERIOR: No condensation on your desk or in your bag",
            "POWDER-COATED GRIP: Durable finish that won't slip out of wet hands",
            "BPA-FREE 18/8 STAINLESS STEEL: No metallic taste",
        ],
        ds=[
            "Stay hydrated all day with the {b} {v} insulated bottle. Ice water stays cold from the morning commute to the evening workout.",
            "Hand wash recommended to protect the powder coat and vacuum seal.",
        ],
        g=[
            "I was trying to drink a gallon of water a day for a health challenge.",
            "I work construction in Texas and need ice water through the afternoon.",
            "My daughter needed a leakproof bottle for her backpack at school.",
            "I wanted to stop buying plastic bottles at the gym.",
        ],
        pos=[
            "Ice was still there after a full day in a hot truck.",
            "It hasn't leaked once in my bag.",
            "The straw lid makes me drink more water.",
        ],
        neg=[
            "The straw lid leaks when tipped over.",
            "The powder coating chipped off within a week.",
        ],
    ),
    dict(
        k="pickleball paddle set",
        t="{b} {v} Pickleball Paddles Set with Balls and Carry Bag, USAPA Approved",
        p=["Sports", "Racquet Sports", "Pickleball", "Paddles"],
        vk="Set",
        v=["2 Paddles 4 Balls", "4 Paddles 6 Balls", "2 Paddles 4 Balls Graphite"],
        pr=(29, 99),
        m="Fiberglass",
        d=(16, 8, 2),
        w=(0.5, 1.6),
        f=[
            "USAPA APPROVED: Legal for league and tournament play",
            "POLYMER HONEYCOMB CORE: Quiet, responsive touch for dinks and drives",
            "CUSHIONED SWEAT-ABSORBING GRIP: Comfortable for long sessions",
            "COMPLETE SET: Paddles, indoor and outdoor balls and a carry bag",
            "EDGE GUARD: Protects the paddle from scrapes on the court",
        ],
        ds=[
            "Get the whole family playing with the {b} {v} pickleball set. The lightweight fiberglass face gives beginners good control and spin.",
            "Suitable for indoor and outdoor courts.",
        ],
        g=[
            "My wife and I wanted to try the pickleball league at our community center.",
            "I wanted a sport to play with my retired friends that's easy on the knees.",
            "We were setting up a family court on our driveway.",
            "I needed extra paddles for a neighborhood tournament.",
        ],
        pos=[
            "Good control for a beginner paddle and a nice soft touch.",
            "The set had everything we needed to play the same day.",
            "The grip stays tacky even when sweaty.",
        ],
        neg=[
            "The edge guard came off after two games.",
            "The face started delaminating within a month.",
        ],
    ),
    dict(
        k="bike lock",
        t="{b} {v} Heavy Duty Bike Lock with Mounting Bracket, Hardened Steel Anti-Theft Lock with 3 Keys",
        p=["Sports", "Cycling", "Accessories", "Locks"],
        vk="Style",
        v=["U-Lock with 4 ft Cable", "Mini U-Lock with 4 ft Cable", "U-Lock with 6 ft Cable"],
        pr=(19, 69),
        m="Hardened Steel",
        d=(11, 7, 2),
        w=(1, 4),
        f=[
            "HARDENED STEEL SHACKLE: Resists bolt cutters, saws and leverage attacks",
            "DOUBLE-BOLT LOCKING: Both ends of the shackle lock into the crossbar",
            "4 FT BRAIDED CABLE: Loop through wheels and quick-release parts",
            "FRAME MOUNTING BRACKET: Carry the lock on your bike",
            "3 KEYS WITH ANTI-PICK CYLINDER",
        ],
        ds=[
            "Protect your ride with the {b} {v} bike lock. A compact shackle leaves less room for thieves to fit tools.",
            "Lock your frame to a fixed object and run the cable through both wheels.",
        ],
        g=[
            "My last bike was stolen outside the train station.",
            "I started commuting to campus and leave my bike outside all day.",
            "I bought an expensive e-bike and needed real security.",
            "We lock the kids' bikes at the park while they play.",
        ],
        pos=[
            "Nobody has touched my bike in six months at the station.",
            "The bracket holds it firmly without rattling.",
            "It feels very solid and the key turns smoothly.",
        ],
        neg=[
            "The key broke off in the lock after a few weeks.",
            "The bracket rattles loose on every ride.",
        ],
    ),
    dict(
        k="camping hammock",
        t="{b} {v} Camping Hammock with Tree Straps, Lightweight Parachute Nylon",
        p=["Outdoor Recreation", "Camping & Hiking", "Hammocks"],
        vk="Style",
        v=["Double", "Single", "With Mosquito Net"],
        pr=(19, 59),
        m="Nylon",
        d=(8, 6, 5),
        w=(1, 2.5),
        f=[
            "PARACHUTE NYLON: Breathable, quick-drying and strong",
            "HOLDS UP TO 500 LB: Triple-stitched seams and steel carabiners",
            "TREE-FRIENDLY STRAPS: Wide straps with 20 loops for easy height adjustment",
            "SETS UP IN MINUTES: No knots needed",
            "PACKS SMALL: Stuff sack attached to the hammock so it never gets lost",
        ],
        ds=[
            "Relax anywhere with the {b} {v} hammock. It sets up between two trees in minutes for camping, the beach or the backyard.",
            "Hang with a gentle sag, about 30 degrees, and lie diagonally for the flattest lay.",
        ],
        g=[
            "I wanted a comfy spot to read at the campsite.",
            "I was switching from tent camping to hammock camping for lighter backpacking.",
            "My kids wanted a hammock for the backyard trees.",
            "We went on a beach trip and wanted to nap in the shade of the palms.",
        ],
        pos=[
            "It set up in about three minutes with the straps.",
            "It feels strong enough for two adults.",
            "It packs down to the size of a grapefruit.",
        ],
        neg=[
            "A seam tore the first time I got in.",
            "The carabiners bent and don't close properly.",
        ],
    ),
    dict(
        k="cooler",
        t="{b} {v} Hard Cooler, Rotomolded with Heavy Duty Latches, Ice Retention up to 5 Days",
        p=["Outdoor Recreation", "Camping & Hiking", "Camp Kitchen", "Coolers"],
        vk="Capacity",
        v=["45 Quart", "25 Quart", "65 Quart"],
        pr=(79, 279),
        m="Polyethylene",
        d=(26, 16, 16),
        w=(15, 30),
        f=[
            "ICE FOR DAYS: Thick insulated walls and a freezer-grade gasket",
            "ROTOMOLDED CONSTRUCTION: Nearly indestructible and certified bear-resistant",
            "NON-SLIP FEET: Stays put on boat decks and in truck beds",
            "LEAKPROOF DRAIN PLUG: Empty melt water without tipping",
            "TIE-DOWN SLOTS AND ROPE HANDLES: Secure and easy to carry",
        ],
        ds=[
            "Keep food and drinks cold for days with the {b} {v} cooler. Built for camping, fishing, tailgating and hunting trips.",
            "Pre-chill the cooler with ice overnight and keep it in the shade for maximum ice retention.",
        ],
        g=[
            "We were going on a five-day camping trip with no fridge.",
            "I needed to keep fish cold on long offshore trips.",
            "We bring food and drinks for the whole team to weekend soccer tournaments.",
            "I wanted to keep groceries cold after Costco runs in the summer.",
        ],
        pos=[
            "Ice was still there on day four in the summer heat.",
            "The latches are strong and it seals tight.",
            "It doubles as a seat at the campsite.",
        ],
        neg=["The ice melted in a day and a half.", "The drain plug leaks in the car."],
    ),
    dict(
        k="soccer ball",
        t="{b} {v} Soccer Ball, Official Size Match Ball with Pump",
        p=["Sports", "Team Sports", "Soccer", "Balls"],
        vk="Size",
        v=["Size 5", "Size 4", "Size 3"],
        pr=(15, 39),
        m="PU Leather",
        d=(9, 9, 9),
        w=(0.9, 1.1),
        f=[
            "MATCH QUALITY CONSTRUCTION: Thermally bonded panels for a true flight",
            "SOFT-TOUCH PU COVER: Better control for first touches and passing",
            "BUTYL BLADDER: Holds air for weeks between top-ups",
            "ALL-SURFACE DURABILITY: Plays on grass, turf and pavement",
            "PUMP AND NEEDLE INCLUDED",
        ],
        ds=[
            "Train and play on any pitch with the {b} {v} soccer ball. Size 5 for ages 12 and up, size 4 for ages 8 to 12 and size 3 for younger players.",
            "Inflate to 8 to 12 PSI for best performance.",
        ],
        g=[
            "My son joined a travel soccer team and needed his own ball for practice.",
            "We were practising for a tryout for the high school team.",
            "I coach a rec league and needed extra balls for drills.",
            "We wanted a ball for pickup games at the park on Sundays.",
        ],
        pos=[
            "It holds air for weeks.",
            "The touch feels like a match ball.",
            "It hasn't scuffed much even on asphalt.",
        ],
        neg=["A panel started peeling after a week.", "It went flat overnight."],
    ),
]

ELECTRONICS = [
    dict(
        k="webcam",
        mc="Computers",
        t="{b} {v} Webcam with Dual Microphones, Auto Light Correction and Privacy Cover",
        p=["Computers & Accessories", "Computer Accessories & Peripherals", "Webcams"],
        vk="Resolution",
        v=["1080p 60fps", "4K Ultra HD", "2K QHD"],
        pr=(29, 129),
        m="Plastic",
        d=(5, 2, 2),
        w=(0.2, 0.4),
        f=[
            "SHARP VIDEO: Full HD glass lens with autofocus",
            "AUTO LIGHT CORRECTION: Looks good in dim home offices",
            "DUAL NOISE-REDUCING MICS: Clear voice from 10 feet",
            "PRIVACY COVER: Slide shut when not in use",
            "PLUG AND PLAY: USB, no drivers needed; works with major video apps",
        ],
        ds=[
            "Look professional on every call with the {b} {v} webcam.",
            "The universal clip fits laptops and monitors or mounts to a tripod.",
        ],
        g=[
            "I started working remotely and my laptop camera made me look like a blurry shadow.",
            "I teach piano lessons online and needed students to see my hands clearly.",
            "I wanted to start streaming games on Twitch.",
            "We video chat with the grandkids every Sunday and wanted a clearer picture on the TV.",
            "I had a string of job interviews over video and wanted to look professional.",
        ],
        pos=[
            "The picture is sharp and the auto light correction fixes my dark office.",
            "My coworkers noticed the difference immediately.",
            "It worked as soon as I plugged it in, no software.",
        ],
        neg=[
            "The autofocus keeps hunting and the picture pulses in and out.",
            "The microphone picks up a constant hiss.",
        ],
    ),
    dict(
        k="bluetooth speaker",
        mc="Home Audio & Theater",
        t="{b} {v} Portable Bluetooth Speaker, IPX7 Waterproof with Deep Bass and 24H Playtime",
        p=["Portable Audio & Video", "Portable Speakers & Docks", "Portable Bluetooth Speakers"],
        vk="Color",
        v=["Black", "Teal", "Red Party Size"],
        pr=(29, 129),
        m="Fabric, Silicone",
        d=(7, 3, 3),
        w=(1, 4),
        f=[
            "BIG 30W STEREO SOUND: Dual drivers and passive bass radiators fill a backyard",
            "IPX7 WATERPROOF: Survives pool splashes, rain and a full dunk",
            "24-HOUR BATTERY: Music from morning to night on one charge",
            "PAIR TWO SPEAKERS: Link a second speaker for true stereo",
            "BLUETOOTH 5.3: Stable connection up to 100 ft in open space",
        ],
        ds=[
            "Take your music anywhere with the {b} {v} speaker. The rugged silicone body and carrying strap are made for the beach, the pool and the campsite.",
            "A built-in microphone lets you take calls hands-free.",
        ],
        g=[
            "I wanted music by the pool without worrying about splashes.",
            "We were throwing a backyard birthday party and needed something loud enough for dancing.",
            "I listen to podcasts in the shower every morning.",
            "We were going on a beach trip and wanted music at our campsite.",
        ],
        pos=[
            "It's loud enough to fill the whole backyard.",
            "It fell in the pool and kept playing.",
            "The battery lasted a whole weekend camping.",
        ],
        neg=[
            "Bluetooth keeps cutting out if I walk ten feet away.",
            "The bass distorts badly at half volume.",
        ],
    ),
    dict(
        k="noise cancelling headphones",
        mc="All Electronics",
        t="{b} {v} Active Noise Cancelling Headphones, Wireless Over-Ear with 40H Playtime",
        p=["Headphones, Earbuds & Accessories", "Headphones", "Over-Ear Headphones"],
        vk="Color",
        v=["Black", "Silver", "Midnight Blue"],
        pr=(49, 199),
        m="Plastic, Protein Leather",
        d=(8, 7, 3),
        w=(0.5, 0.7),
        f=[
            "HYBRID ANC: Reduces engine rumble and office chatter",
            "40-HOUR BATTERY: With ANC on; 5 min charge gives 2 hours",
            "MEMORY FOAM EAR CUPS: Comfortable for long flights",
            "TRANSPARENCY MODE: Hear announcements without taking them off",
            "FOLDABLE: Hard travel case included",
        ],
        ds=[
            "Block out the world with the {b} {v} noise cancelling headphones.",
            "Multipoint connection lets you switch between phone and laptop.",
        ],
        g=[
            "I fly cross-country for work twice a month and needed to tune out engine noise.",
            "Our open-plan office is loud and I needed to focus on coding.",
            "I was studying for the bar exam in a noisy apartment.",
            "My husband snores and I wanted to listen to audiobooks to fall asleep.",
        ],
        pos=[
            "On a six-hour flight the engine drone nearly disappeared.",
            "They're comfortable for a full workday.",
            "The battery outlasts a week of commuting.",
        ],
        neg=[
            "The noise cancelling creates a pressure feeling and a faint hiss.",
            "The headband cracked after three months.",
        ],
    ),
    dict(
        k="power bank",
        mc="Cell Phones & Accessories",
        t="{b} {v} Portable Charger Power Bank, USB-C PD Fast Charging Battery Pack",
        p=["Accessories & Supplies", "Batteries, Chargers & Accessories", "Portable Power Banks"],
        vk="Capacity",
        v=["10000mAh", "20000mAh", "26800mAh Laptop"],
        pr=(19, 69),
        m="Aluminum",
        d=(6, 3, 1),
        w=(0.4, 1.2),
        f=[
            "22.5W FAST CHARGE: USB-C PD charges a phone to 50 percent in about 30 minutes",
            "HIGH CAPACITY: Several full phone charges between recharges",
            "CHARGE 3 DEVICES AT ONCE: Two USB-A ports plus USB-C in and out",
            "LED DIGITAL DISPLAY: Shows the exact battery percentage left",
            "TSA FRIENDLY: Under 100Wh, safe to carry on flights",
        ],
        ds=[
            "Never run out of battery on trips, festivals or long workdays with the {b} {v} power bank.",
            "Multiple built-in protections guard against overcharging, overheating and short circuits.",
        ],
        g=[
            "I travel internationally for work and my phone always died on long layovers.",
            "We were going to a three-day music festival with no outlets.",
            "I wanted a backup for hurricane season power outages.",
            "My son uses his phone for navigation on long motorcycle rides.",
        ],
        pos=[
            "It charged my phone four times over the festival weekend.",
            "The percentage display is really useful.",
            "It's slim enough for a jacket pocket.",
        ],
        neg=[
            "It took almost a full day to recharge itself.",
            "It stopped charging after two months.",
        ],
    ),
    dict(
        k="USB-C hub",
        mc="Computers",
        t="{b} {v} USB-C Hub Multiport Adapter with 4K HDMI, 100W PD and SD Card Reader",
        p=["Computers & Accessories", "Computer Accessories & Peripherals", "USB Hubs"],
        vk="Ports",
        v=["7-in-1", "10-in-1 with Ethernet", "5-in-1"],
        pr=(19, 69),
        m="Aluminum",
        d=(5, 2, 1),
        w=(0.1, 0.3),
        f=[
            "4K HDMI OUTPUT: Mirror or extend your screen to a monitor or TV at 4K 30Hz",
            "100W POWER DELIVERY PASS-THROUGH: Charge your laptop while using the hub",
            "SD AND MICROSD CARD READERS: Fast photo transfers on location",
            "USB 3.0 PORTS: 5Gbps for drives, keyboards and mice",
            "ALUMINUM SHELL: Dissipates heat and matches modern laptops",
        ],
        ds=[
            "Turn one USB-C port into a full desk setup with the {b} {v} USB-C hub. Plug and play with no drivers.",
            "Compatible with most USB-C laptops and tablets that support DisplayPort Alt Mode.",
        ],
        g=[
            "My new laptop only has two USB-C ports and I needed to connect a monitor and mouse.",
            "I'm a photographer and needed to offload SD cards on location.",
            "I was setting up a clean desk for working from home.",
            "I give presentations and needed HDMI for conference room projectors.",
        ],
        pos=[
            "My monitor, keyboard and charger all run through it with no issues.",
            "SD card transfers are fast.",
            "It's small enough to toss in my laptop bag.",
        ],
        neg=[
            "It gets extremely hot and the monitor flickers.",
            "The HDMI port stopped working after a month.",
        ],
    ),
    dict(
        k="smart plug",
        mc="All Electronics",
        t="{b} {v} Smart Plug, WiFi Outlet with Energy Monitoring, Works with Voice Assistants",
        p=["Smart Home", "Plugs & Outlets"],
        vk="Pack",
        v=["4-Pack", "2-Pack", "Outdoor 2-Outlet"],
        pr=(15, 39),
        m="Plastic",
        d=(3, 2, 2),
        w=(0.2, 0.6),
        f=[
            "VOICE CONTROL: Works with popular voice assistants",
            "SCHEDULES AND TIMERS: Automate lamps and appliances",
            "ENERGY MONITORING: See what devices cost to run",
            "AWAY MODE: Randomizes lights when you're gone",
            "NO HUB REQUIRED: Connects to 2.4GHz WiFi",
        ],
        ds=[
            "Make any outlet smart with the {b} {v} smart plug.",
            "Compact design doesn't block the second outlet.",
        ],
        g=[
            "I wanted the lamps on when we're on vacation so the house looks occupied.",
            "I wanted to turn the coffee maker on from bed.",
            "We were trying to find out which appliances are running up our electric bill.",
            "I set up our Christmas lights to turn on at sunset automatically.",
        ],
        pos=[
            "Setup in the app took about two minutes per plug.",
            "The schedules have worked reliably for months.",
            "The energy monitoring showed our old freezer was costing a fortune.",
        ],
        neg=[
            "They keep dropping off WiFi and have to be reset.",
            "The app is clunky and the schedule often doesn't fire.",
        ],
    ),
    dict(
        k="dash cam",
        mc="All Electronics",
        t="{b} {v} Dash Cam, Night Vision Car Camera with Loop Recording, G-Sensor and Parking Mode",
        p=["Car & Vehicle Electronics", "Car Electronics", "Dash Cams"],
        vk="Resolution",
        v=["1080p Front and Rear", "4K Front and 1080p Rear", "2.5K Front and Rear with GPS"],
        pr=(39, 149),
        m="Plastic",
        d=(4, 2, 2),
        w=(0.3, 0.6),
        f=[
            "FRONT AND REAR RECORDING: Captures the road ahead and behind at the same time",
            "NIGHT VISION: Large aperture lens and WDR keep plates readable after dark",
            "G-SENSOR COLLISION LOCK: Automatically protects footage after a bump",
            "LOOP RECORDING: Overwrites the oldest unlocked clips so the card never fills",
            "PARKING MODE: Records impacts while the car is parked (hardwire kit required)",
        ],
        ds=[
            "Protect yourself on the road with the {b} {v} dash cam. Clear footage can settle insurance disputes and protect you from false claims.",
            "Use a high-endurance microSD card and format it monthly for best reliability.",
        ],
        g=[
            "Someone rear-ended me and then claimed I backed into them, so I wanted proof next time.",
            "I drive for a rideshare service and wanted footage for my protection.",
            "My teenage daughter just got her license and we wanted to review her driving.",
            "Our car was keyed in a parking lot and I wanted parking mode.",
        ],
        pos=[
            "The footage is clear enough to read license plates at night.",
            "It saved me when another driver ran a red light.",
            "Install was easy with the clip-on mount.",
        ],
        neg=[
            "It overheats in summer and stops recording.",
            "The rear camera cable was too short for my SUV.",
        ],
    ),
    dict(
        k="wireless earbuds",
        mc="All Electronics",
        t="{b} {v} Wireless Earbuds, Bluetooth 5.3 with Charging Case, IPX5 Sweatproof",
        p=["Headphones, Earbuds & Accessories", "Earbuds"],
        vk="Color",
        v=["Black", "White", "Sport with Ear Hooks"],
        pr=(19, 89),
        m="Plastic",
        d=(3, 3, 1),
        w=(0.1, 0.2),
        f=[
            "SECURE, COMFORTABLE FIT: Three sizes of silicone ear tips",
            "IPX5 SWEATPROOF: Built for workouts and rainy runs",
            "36-HOUR TOTAL PLAYTIME: With the pocket-size charging case",
            "CLEAR CALLS: Dual microphones with environmental noise reduction",
            "TOUCH CONTROLS: Play, pause, skip, answer calls and summon your voice assistant",
        ],
        ds=[
            "Move freely with the {b} {v} wireless earbuds. They pair automatically as soon as you open the case.",
            "Low-latency mode keeps audio in sync with videos and games.",
        ],
        g=[
            "I needed earbuds that won't fall out when I'm running.",
            "I take a lot of work calls while walking my dog.",
            "I wanted something cheap for the gym so I don't worry about losing them.",
            "I was looking for earbuds to use on the treadmill at the gym.",
        ],
        pos=[
            "They stay put on long runs.",
            "People say I sound clear on calls even outside.",
            "The battery case charges them several times.",
        ],
        neg=["The left earbud disconnects constantly.", "They fall out every time I move my jaw."],
    ),
    dict(
        k="mechanical keyboard",
        mc="Computers",
        t="{b} {v} Mechanical Keyboard, Hot-Swappable RGB Backlit Wired Gaming Keyboard",
        p=["Computers & Accessories", "Computer Accessories & Peripherals", "Keyboards"],
        vk="Layout",
        v=["75% Brown Switches", "Full Size Red Switches", "TKL Blue Switches"],
        pr=(39, 119),
        m="Aluminum, ABS",
        d=(15, 5, 2),
        w=(1.5, 3),
        f=[
            "HOT-SWAPPABLE SWITCHES: Change switches without soldering",
            "PER-KEY RGB BACKLIGHT: Customizable effects and a clean white mode",
            "DOUBLE-SHOT PBT KEYCAPS: Legends never fade or wear off",
            "N-KEY ROLLOVER: Every keystroke registers during fast typing and gaming",
            "DETACHABLE USB-C CABLE: Braided cable for a tidy desk",
        ],
        ds=[
            "Type and game with precision on the {b} {v} mechanical keyboard. Factory-lubed stabilizers keep long keys smooth and quiet.",
            "Free software lets you remap keys, record macros and save lighting profiles.",
        ],
        g=[
            "I write code for ten hours a day and wanted a better typing experience.",
            "I was building my first gaming PC.",
            "I wanted to get into keyboard customization without spending a fortune.",
            "My wrists hurt on a laptop keyboard and I wanted something with better key travel.",
        ],
        pos=[
            "The typing feel is great and it's quieter than I expected.",
            "Swapping switches was easy.",
            "The lighting is bright and even.",
        ],
        neg=["Several keys started double typing after a month.", "The space bar rattles loudly."],
    ),
    dict(
        k="external SSD",
        mc="Computers",
        t="{b} {v} Portable External SSD, USB 3.2 Gen 2 up to 1050MB/s, Rugged",
        p=["Computers & Accessories", "Data Storage", "External Solid State Drives"],
        vk="Capacity",
        v=["1TB", "2TB", "500GB"],
        pr=(49, 179),
        m="Aluminum",
        d=(4, 2, 1),
        w=(0.1, 0.2),
        f=[
            "FAST TRANSFERS: Up to 1050MB/s read, about 9x faster than a portable hard drive",
            "RUGGED: Drop resistant up to 2 meters with a rubberized shell",
            "POCKET SIZED: Smaller than a credit card",
            "BROADLY COMPATIBLE: Windows, Mac, Android, game consoles and cameras",
            "INCLUDES CABLES: USB-C to C and USB-C to A",
        ],
        ds=[
            "Carry your files anywhere with the {b} {v} portable SSD. Ideal for 4K video editing, photo libraries, backups and game libraries.",
            "Formatted exFAT out of the box to work with both Mac and Windows.",
        ],
        g=[
            "I edit 4K video from my drone and needed fast storage.",
            "I wanted to back up twenty years of family photos.",
            "My console ran out of space for games.",
            "I travel between home and office and needed to carry large design files.",
        ],
        pos=[
            "Transfers are dramatically faster than my old hard drive.",
            "It's tiny and survived a drop onto tile.",
            "It worked on both my Mac and PC without reformatting issues.",
        ],
        neg=[
            "It disconnects randomly during large transfers.",
            "It gets very hot and slows to a crawl.",
        ],
    ),
    dict(
        k="mesh WiFi system",
        mc="Computers",
        t="{b} {v} Mesh WiFi System, Whole Home Coverage up to 5500 sq ft, Dual Band",
        p=["Computers & Accessories", "Networking Products", "Whole Home & Mesh Wi-Fi Systems"],
        vk="Pack",
        v=["3-Pack", "2-Pack", "WiFi 6 3-Pack"],
        pr=(79, 249),
        m="Plastic",
        d=(4, 4, 4),
        w=(1, 3),
        f=[
            "WHOLE-HOME COVERAGE: Eliminates dead zones in bedrooms, basements and backyards",
            "SEAMLESS ROAMING: One network name; devices switch nodes automatically",
            "SETUP IN MINUTES: App walks you through placement step by step",
            "PARENTAL CONTROLS: Pause the internet, set schedules and filter content",
            "HANDLES 100+ DEVICES: Built for busy smart homes",
        ],
        ds=[
            "Get strong WiFi in every room with the {b} {v} mesh system. Each node has Ethernet ports for TVs, consoles and desktop computers.",
            "Place nodes about halfway between the main router and your dead zones.",
        ],
        g=[
            "Our upstairs bedrooms had no WiFi and my kids couldn't do homework.",
            "I work from a detached garage office and needed a signal out there.",
            "We have a long ranch house and video calls kept dropping in the back.",
            "We added a lot of smart home devices and the old router couldn't keep up.",
        ],
        pos=[
            "We have full signal in the garage office now.",
            "Setup through the app took fifteen minutes.",
            "Video calls no longer drop when I walk around the house.",
        ],
        neg=[
            "The satellite nodes disconnect every few days.",
            "Speeds were no better than our old router.",
        ],
    ),
    dict(
        k="USB microphone",
        mc="Musical Instruments",
        t="{b} {v} USB Microphone for Podcasting and Streaming, Cardioid Condenser Mic with Mute Button",
        p=[
            "Computers & Accessories",
            "Computer Accessories & Peripherals",
            "Audio & Video Accessories",
            "Computer Microphones",
        ],
        vk="Kit",
        v=["Kit with Boom Arm", "Desktop Stand Kit", "Kit with Pop Filter and Shock Mount"],
        pr=(39, 129),
        m="Metal",
        d=(10, 8, 4),
        w=(1, 3),
        f=[
            "CARDIOID PICKUP: Focuses on your voice and reduces room noise",
            "PLUG AND PLAY: USB connection, no interface needed",
            "ZERO-LATENCY MONITORING: Headphone jack with volume control",
            "MUTE BUTTON: One-touch mute with LED",
            "SOLID METAL BUILD: Stable on a desk stand or threaded onto a boom arm",
        ],
        ds=[
            "Sound professional with the {b} {v} USB microphone.",
            "Position 4 to 6 inches from your mouth for best sound.",
        ],
        g=[
            "I was launching a podcast with my brother about local history.",
            "I record voiceovers for my YouTube cooking channel.",
            "My coworkers said my laptop mic made me sound like I was in a tunnel.",
            "I wanted to record my daughter's singing for audition tapes.",
        ],
        pos=[
            "My voice sounds warm and clear with almost no background noise.",
            "It sits solidly on the desk and doesn't pick up bumps.",
            "The mute button is great for live streams.",
        ],
        neg=[
            "It picks up every keyboard click and the fan noise.",
            "There's a constant buzz through the headphone jack.",
        ],
    ),
    dict(
        k="ring light",
        mc="Camera & Photo",
        t="{b} {v} LED Ring Light with Tripod Stand and Phone Holder, Dimmable 3 Color Modes",
        p=["Camera & Photo", "Lighting & Studio", "Ring Lights"],
        vk="Size",
        v=["10 Inch", "18 Inch", "12 Inch Desktop"],
        pr=(19, 79),
        m="Aluminum, Plastic",
        d=(12, 12, 4),
        w=(1.5, 6),
        f=[
            "3 COLOR TEMPERATURES: Warm, neutral and daylight white",
            "10 BRIGHTNESS LEVELS: Dial in flattering, even light",
            "EXTENDABLE TRIPOD: Adjusts from desktop height up to 63 inches",
            "360 DEGREE PHONE HOLDER: Shoot portrait or landscape",
            "BLUETOOTH REMOTE: Start recording or snap photos hands-free",
        ],
        ds=[
            "Get soft, flattering light for videos, photos and calls with the {b} {v} ring light. The ring shape removes harsh shadows and adds a catchlight to your eyes.",
            "USB powered, so it runs from a laptop, wall adapter or power bank.",
        ],
        g=[
            "I make makeup tutorials and my bathroom lighting was terrible.",
            "I photograph my handmade jewelry for my online shop.",
            "I teach online fitness classes from my living room.",
            "I have a lot of evening video meetings and look washed out under the ceiling light.",
        ],
        pos=[
            "My product photos look much more professional now.",
            "The warm setting is flattering on video calls.",
            "The tripod extends high enough for standing videos.",
        ],
        neg=[
            "The tripod is wobbly and fell over with my phone on it.",
            "It flickers on camera at lower brightness.",
        ],
    ),
    dict(
        k="wireless charger",
        mc="Cell Phones & Accessories",
        t="{b} {v} Wireless Charger, 15W Fast Charging Compatible with Qi Phones and Earbuds",
        p=["Accessories & Supplies", "Chargers", "Wireless Chargers"],
        vk="Style",
        v=["Slim Pad", "Upright Stand", "3-in-1 Station"],
        pr=(15, 49),
        m="Aluminum, Silicone",
        d=(4, 4, 1),
        w=(0.2, 0.8),
        f=[
            "15W FAST WIRELESS CHARGING: For compatible Qi phones; 10W, 7.5W and 5W modes for others",
            "CHARGES THROUGH CASES: Works with cases up to 5 mm thick",
            "SLEEP-FRIENDLY LIGHT: Soft indicator that won't light up the bedroom",
            "SAFETY PROTECTIONS: Foreign object detection and temperature control",
            "WALL ADAPTER INCLUDED: Ready for full speed out of the box",
        ],
        ds=[
            "Just set your phone down to charge with the {b} {v} wireless charger. Ideal for nightstands, desks and kitchen counters.",
            "Use the included adapter for full charging speed.",
        ],
        g=[
            "I wanted a simple charging spot on my nightstand without fumbling with cables.",
            "I was setting up a clean charging station for the whole family by the front door.",
            "My phone's charging port is loose and wireless was the only reliable way.",
            "I wanted to charge my phone and earbuds together on my office desk.",
        ],
        pos=[
            "It charges through my thick case.",
            "The light is dim enough to sleep next to.",
            "Charging speed is close to the wired charger.",
        ],
        neg=[
            "My phone has to be perfectly centered or it stops charging.",
            "It gets hot and the phone stops charging at 80 percent.",
        ],
    ),
    dict(
        k="surge protector",
        mc="All Electronics",
        t="{b} {v} Surge Protector Power Strip with USB Ports, Flat Plug and Wall Mount",
        p=["Accessories & Supplies", "Power Protection", "Surge Protectors"],
        vk="Outlets",
        v=["12 Outlet 6 ft", "6 Outlet 3 USB", "Tower 18 Outlet"],
        pr=(15, 45),
        m="Fire-Resistant PC",
        d=(12, 4, 2),
        w=(0.8, 2),
        f=[
            "4000 JOULE SURGE PROTECTION: Guards computers, TVs and game consoles from spikes",
            "USB-A AND USB-C CHARGING PORTS: Charge phones and tablets without adapters",
            "WIDELY SPACED OUTLETS: Fit bulky power bricks without blocking neighbors",
            "FLAT ROTATING PLUG: Lets furniture sit flush against the wall",
            "WALL MOUNTABLE: Keyhole slots on the back",
        ],
        ds=[
            "Protect your electronics and tame cable clutter with the {b} {v} surge protector. A protection indicator light tells you when it's working.",
            "Fire-resistant housing rated to 750 C.",
        ],
        g=[
            "We were setting up a home theater with a lot of equipment.",
            "Lightning storms are common here and I wanted to protect my computer.",
            "I needed more outlets for my home office desk.",
            "My dorm room has one outlet for everything.",
        ],
        pos=[
            "The widely spaced outlets fit all my bulky adapters.",
            "The flat plug lets the couch sit flush against the wall.",
            "The USB-C port charges my tablet quickly.",
        ],
        neg=[
            "The outlets are so tight I can barely push plugs in.",
            "The protection light went out after a month.",
        ],
    ),
    dict(
        k="security camera",
        mc="All Electronics",
        t="{b} {v} Outdoor Security Camera, 2K Color Night Vision with Motion Alerts and Two-Way Audio",
        p=["Camera & Photo", "Video Surveillance", "Surveillance Cameras", "Dome Cameras"],
        vk="Style",
        v=["Battery Wireless 2-Pack", "Floodlight Wired", "Solar Powered"],
        pr=(29, 129),
        m="Plastic",
        d=(4, 3, 3),
        w=(0.4, 1.5),
        f=[
            "2K RESOLUTION: Sharp detail day and night",
            "COLOR NIGHT VISION: With built-in spotlight",
            "SMART MOTION ALERTS: Person, vehicle and package detection",
            "TWO-WAY AUDIO: Talk to visitors",
            "LOCAL STORAGE: microSD plus optional cloud",
        ],
        ds=[
            "Keep an eye on home with the {b} {v} security camera.",
            "Weather-resistant design for outdoor use.",
        ],
        g=[
            "Packages kept disappearing from our porch.",
            "I wanted to check on my elderly father who lives alone.",
            "Someone was breaking into cars on our street at night.",
            "I wanted to watch our new puppy while we were at work.",
        ],
        pos=[
            "Person alerts are accurate and it ignores swaying trees.",
            "Night video is clear and in color.",
            "Two-way audio let me talk to the delivery driver.",
        ],
        neg=[
            "The battery drains in a week with moderate motion.",
            "Alerts come so late the person is already gone.",
        ],
    ),
    dict(
        k="portable monitor",
        mc="Computers",
        t="{b} {v} Portable Monitor, IPS Display with USB-C and Mini HDMI, Smart Cover Stand",
        p=["Computers & Accessories", "Monitors"],
        vk="Size",
        v=["15.6 Inch 1080p", "16 Inch 2.5K", "14 Inch Touchscreen"],
        pr=(99, 249),
        m="Aluminum",
        d=(15, 9, 1),
        w=(1.5, 2.5),
        f=[
            "SLIM AND LIGHT: Just 0.4 inch thick and under 2 lb",
            "IPS PANEL: Accurate colors and wide viewing angles",
            "ONE-CABLE CONNECTION: USB-C carries video and power from supported laptops",
            "SMART COVER STAND: Protects the screen in your bag and props it up at your desk",
            "BUILT-IN SPEAKERS AND MINI HDMI",
        ],
        ds=[
            "Add a second screen anywhere with the {b} {v} portable monitor. Perfect for spreadsheets, coding, editing and gaming on the go.",
            "Compatible with laptops, phones with DisplayPort over USB-C and game consoles.",
        ],
        g=[
            "I travel for work and missed my dual-monitor setup.",
            "I wanted a second screen for spreadsheets at the kitchen table.",
            "I play console games on road trips in the RV.",
            "I'm a day trader and needed extra screens while traveling.",
        ],
        pos=[
            "One USB-C cable and it just works.",
            "It's light enough to bring on every trip.",
            "Colors and brightness are better than my laptop screen.",
        ],
        neg=[
            "It has a noticeable backlight bleed in the corners.",
            "The stand cover is flimsy and the screen falls over.",
        ],
    ),
    dict(
        k="walkie talkies",
        mc="All Electronics",
        t="{b} {v} Walkie Talkies, Long Range Rechargeable Two-Way Radios with Flashlight",
        p=["Portable Audio & Video", "Two-Way Radios"],
        vk="Pack",
        v=["4-Pack", "2-Pack", "6-Pack"],
        pr=(25, 79),
        m="Plastic",
        d=(8, 7, 3),
        w=(0.8, 1.6),
        f=[
            "22 CHANNELS WITH PRIVACY CODES: Reduce interference from other groups",
            "USB RECHARGEABLE: Charge all radios from one cable",
            "NOAA WEATHER ALERTS: Receive weather warnings outdoors",
            "BUILT-IN LED FLASHLIGHT",
            "VOX HANDS-FREE: Transmits automatically when you speak",
        ],
        ds=[
            "Stay in touch where phones don't work with the {b} {v} walkie talkies. Great for hiking, skiing, camping, events and farm work.",
            "Real-world range depends on terrain, buildings and weather.",
        ],
        g=[
            "We go hiking where there is no cell service and wanted to stay in touch.",
            "My kids wanted to talk between houses on our street.",
            "We were coordinating volunteers at a charity 5K.",
            "I need to talk to my husband across the farm during harvest.",
        ],
        pos=[
            "We could talk clearly about a mile apart on the trail.",
            "The kids love them and the batteries last all day.",
            "Charging is easy with one USB cable.",
        ],
        neg=[
            "The range barely reaches the end of our street.",
            "One radio stopped turning on after a week.",
        ],
    ),
    dict(
        k="mini projector",
        mc="Home Audio & Theater",
        t="{b} {v} Mini Projector with WiFi and Bluetooth, Portable Outdoor Movie Projector for Phone and TV Stick",
        p=["Television & Video", "Projectors"],
        vk="Model",
        v=["1080p", "720p Portable", "4K Supported with 100 Inch Screen"],
        pr=(69, 249),
        m="Plastic",
        d=(9, 7, 4),
        w=(2, 5),
        f=[
            "BRIGHT, SHARP PICTURE: Native resolution with high contrast for movie nights",
            "WIFI AND BLUETOOTH: Mirror your phone and connect external speakers",
            "BIG SCREEN: Project up to a 300 inch image",
            "DIGITAL ZOOM AND KEYSTONE: Adjust the picture without moving the projector",
            "QUIET COOLING FAN: Won't drown out dialogue",
        ],
        ds=[
            "Turn any wall or sheet into a movie theater with the {b} {v} projector. Lightweight enough to carry to the backyard or a friend's house.",
            "Best viewed in a dark room or outdoors after sunset.",
        ],
        g=[
            "We wanted backyard movie nights for the neighborhood kids.",
            "Our apartment is too small for a big TV and I wanted a big screen.",
            "I was hosting a sleepover for my daughter's birthday.",
            "We wanted to watch the World Cup on a huge screen in the garage.",
        ],
        pos=[
            "The picture looked great on a bedsheet in the backyard.",
            "Screen mirroring from my phone worked instantly.",
            "The fan is quieter than expected.",
        ],
        neg=[
            "It's too dim to watch unless it's completely dark.",
            "The WiFi mirroring stutters constantly.",
        ],
    ),
    dict(
        k="e-reader cover",
        mc="Cell Phones & Accessories",
        t="{b} {v} Case for 6.8 Inch E-Reader, Water-Safe Fabric Cover with Auto Sleep Wake",
        p=["Accessories & Supplies", "E-Reader Accessories", "Covers"],
        vk="Color",
        v=["Charcoal", "Sage", "Rose"],
        pr=(9, 29),
        m="Fabric, Polycarbonate",
        d=(7, 5, 1),
        w=(0.2, 0.3),
        f=[
            "AUTO SLEEP/WAKE: Magnetic closure turns the screen off when closed",
            "SLIM AND LIGHT: Adds minimal bulk to your device",
            "WATER-SAFE FABRIC: Easy to wipe dry after the beach or the bath",
            "ELASTIC HAND STRAP: Read comfortably with one hand",
            "PRECISE CUTOUTS: Full access to the charging port and button",
        ],
        ds=[
            "Protect your e-reader from scratches and bumps with the {b} {v} cover. The front folds flat against the back for one-handed reading.",
            "Designed for 6.8 inch e-readers only; check your model before ordering.",
        ],
        g=[
            "I read by the pool on vacation and wanted protection from splashes.",
            "I wanted to read one-handed while holding a baby.",
            "My e-reader screen cracked in my bag and I didn't want that again.",
            "I bought it as a gift for my mom, who reads a book a week.",
        ],
        pos=[
            "The hand strap makes one-handed reading easy.",
            "It wakes and sleeps reliably.",
            "It's slim and the fabric feels nice.",
        ],
        neg=[
            "The magnet doesn't hold and it flaps open.",
            "It doesn't fit; the corners are too tight.",
        ],
    ),
]

PET_SUPPLIES = [
    dict(
        k="dog crate",
        t="{b} {v} Dog Crate, Double Door Folding Metal Wire Crate with Divider Panel and Leak-Proof Tray",
        p=["Dogs", "Crates, Houses & Pens", "Crates"],
        vk="Size",
        v=["36 Inch Medium", "42 Inch Large", "24 Inch Small"],
        pr=(35, 99),
        m="Metal",
        d=(36, 23, 25),
        w=(15, 35),
        f=[
            "DOUBLE DOOR ACCESS: Front and side doors with secure slide-bolt latches fit any room layout",
            "DIVIDER PANEL INCLUDED: Start small for house training and give your puppy more room as they grow",
            "LEAK-PROOF PLASTIC PAN: Removable tray slides out for quick cleanup after accidents",
            "FOLDS FLAT IN SECONDS: No tools needed; carry handle makes it easy to take to the vet or on trips",
            "ROLLER FEET: Protect hardwood floors and let you move the crate without scratching",
        ],
        ds=[
            "Give your dog a safe, den-like space with the {b} {v} crate. The crate-training divider lets you size the space for a puppy, which discourages accidents, then expand it as your dog grows.",
            "Choose a size where your adult dog can stand up, turn around and lie down comfortably. Add a crate pad and a cover for a cozier den.",
        ],
        g=[
            "We brought home an eight-week-old lab puppy and needed to crate train him.",
            "Our rescue dog has separation anxiety and we needed a safe space for her while we're at work.",
            "We travel to my parents' house every holiday and needed a crate that folds flat for the car.",
            "Our dog was recovering from knee surgery and the vet said to keep him confined for six weeks.",
            "We were fostering puppies for the local shelter and needed a crate that is easy to clean.",
        ],
        pos=[
            "The divider let us size it down for our puppy and he was house trained in three weeks.",
            "It folds flat in seconds and fits in the back of our hatchback.",
            "The tray slides out easily, which matters a lot with a puppy.",
        ],
        neg=[
            "The latches are loose and our dog pushed the door open in a day.",
            "The wires bent during shipping and the door won't close properly.",
        ],
    ),
    dict(
        k="litter box",
        t="{b} {v} Cat Litter Box with Lid, Low-Tracking Enclosed Litter Pan with Scoop and Odor Filter",
        p=["Cats", "Litter & Housebreaking", "Litter Boxes"],
        vk="Style",
        v=["Top Entry Large", "Hooded with Carbon Filter", "Extra Large Hooded"],
        pr=(19, 69),
        m="Plastic",
        d=(20, 16, 15),
        w=(3, 20),
        f=[
            "LOW TRACKING LID: Grooved top catches litter from paws as your cat climbs out",
            "ODOR CONTROL: Replaceable carbon filter and enclosed design keep smells in the box",
            "EXTRA ROOMY: Fits large breeds and multi-cat households without cramping",
            "HIGH SIDES: Stops litter from being kicked out and stops urine from leaking over the edge",
            "EASY TO CLEAN: Smooth non-stick plastic and a matching scoop that clips to the side",
        ],
        ds=[
            "Keep litter where it belongs with the {b} {v} litter box. The enclosed design gives cats privacy while the grooved lid catches loose granules before they reach your floor.",
            "Introduce the new box gradually next to the old one and use the litter your cat already knows.",
        ],
        g=[
            "Our kitten kept kicking litter all over the bathroom floor.",
            "We live in a small apartment and needed to control the litter box smell.",
            "We have three cats and needed a bigger box that doesn't need scooping every hour.",
            "Our beagle kept getting into the litter box and we needed one he can't reach.",
            "My elderly cat started peeing over the edge of her old low-sided pan.",
        ],
        pos=[
            "Litter tracking went way down after the first week.",
            "Our cats adjusted to it within a day with no accidents.",
            "The smell in our one-bedroom apartment is basically gone.",
        ],
        neg=[
            "Our cat refused to use it and went on the bath mat instead.",
            "The lid cracked at the hinge within a month.",
        ],
    ),
    dict(
        k="aquarium filter",
        t="{b} {v} Aquarium Power Filter with Bio-Wheel, Quiet Hang-On-Back Fish Tank Filter with Adjustable Flow",
        p=["Fish & Aquatic Pets", "Aquarium Pumps & Filters", "Aquarium Filters"],
        vk="Tank Size",
        v=["Up to 30 Gallon", "Up to 55 Gallon", "Up to 10 Gallon"],
        pr=(19, 59),
        m="Plastic",
        d=(9, 5, 8),
        w=(1, 3),
        f=[
            "3-STAGE FILTRATION: Floss traps debris, activated carbon removes odors and discoloration, bio-wheel grows beneficial bacteria",
            "WHISPER QUIET: Submerged impeller and rubber feet keep hum to a minimum in bedrooms",
            "ADJUSTABLE FLOW: Turn it down for bettas and shrimp or up for goldfish",
            "EASY CARTRIDGE CHANGE: Slide out the old cartridge without unplugging or draining",
            "SELF-PRIMING: Restarts on its own after a power outage",
        ],
        ds=[
            "Keep your water clear and your fish healthy with the {b} {v} power filter. It hangs on the back of most rimmed tanks and starts working within minutes.",
            "Rinse cartridges in old tank water rather than tap water to protect the bacteria colony that keeps ammonia in check.",
        ],
        g=[
            "I was setting up a planted tank for my daughter's first goldfish.",
            "My old filter was so loud I couldn't sleep with the tank in my bedroom.",
            "I keep cherry shrimp and needed gentle flow that won't suck them up.",
            "I was cycling a new community tank for tetras and corydoras.",
            "Our classroom aquarium kept turning cloudy and green over long weekends.",
        ],
        pos=[
            "The water has been crystal clear since the day I installed it.",
            "It's so quiet I forget it's running, even in my bedroom.",
            "Turning the flow down made it gentle enough for my smallest fish.",
        ],
        neg=[
            "It stopped priming after a power outage and the tank went unfiltered all day.",
            "It rattles and hums loudly no matter how I seat the impeller.",
        ],
    ),
    dict(
        k="dog harness",
        t="{b} {v} No Pull Dog Harness, Reflective Padded Vest with Front Clip, Back Clip and Control Handle",
        p=["Dogs", "Collars, Harnesses & Leashes", "Harnesses"],
        vk="Size",
        v=["Medium", "Large", "Small"],
        pr=(15, 39),
        m="Nylon",
        d=(12, 8, 2),
        w=(0.4, 0.8),
        f=[
            "NO-PULL FRONT CLIP: Gently turns your dog toward you when they lunge, so walks stay calm",
            "REFLECTIVE STITCHING: Keeps your dog visible to drivers on early morning and night walks",
            "BREATHABLE PADDED MESH: Spreads pressure across the chest instead of the throat",
            "CONTROL HANDLE: Grab your dog quickly at crossings or help them over obstacles on the trail",
            "4-POINT ADJUSTABLE FIT: Quick-release buckles put it on and take it off in seconds",
        ],
        ds=[
            "Walk with confidence using the {b} {v} no-pull harness. Leash attachments on the chest and the back let you switch between training mode and relaxed strolls.",
            "Measure the widest part of your dog's chest before choosing a size; two fingers should fit under the straps.",
        ],
        g=[
            "Our shepherd mix pulls so hard on walks that I was getting shoulder pain.",
            "We hike with our dog and needed a handle to help him over rocks and creek crossings.",
            "My dog has a collapsed trachea and the vet said no more collars for walks.",
            "I walk my dog before sunrise and wanted her to be visible to cars.",
            "We were starting obedience classes and the trainer recommended a front-clip harness.",
        ],
        pos=[
            "The front clip cut his pulling by more than half on the first walk.",
            "The handle is great for boosting him up rocky sections of trail.",
            "The reflective strips really light up under car headlights.",
        ],
        neg=[
            "My dog backed out of it in seconds, even adjusted tight.",
            "It rubbed sores under her front legs after a week.",
        ],
    ),
    dict(
        k="pet camera",
        t="{b} {v} Pet Camera, 1080p HD WiFi Dog Camera with Treat Tossing, Two-Way Audio, Night Vision and Bark Alerts",
        p=["Dogs", "Health Supplies", "Pet Monitors"],
        vk="Model",
        v=["Classic", "360 Degree Pan-Tilt", "With Laser Toy for Cats"],
        pr=(39, 149),
        m="Plastic",
        d=(7, 7, 9),
        w=(1, 3),
        f=[
            "TOSS TREATS FROM YOUR PHONE: Reward good behavior or play fetch while you're at work",
            "1080P HD WITH NIGHT VISION: See your pet clearly even with the lights off",
            "TWO-WAY AUDIO: Talk to your pet and hear them through the built-in speaker and mic",
            "BARK AND MOTION ALERTS: Get a notification when your dog barks or moves in front of the camera",
            "WIDE 160 DEGREE LENS: Covers an entire living room from a shelf or counter",
        ],
        ds=[
            "Check in and play with your pet from anywhere using the {b} {v} pet camera. The treat hopper holds about 100 small kibble-size treats.",
            "Connects to 2.4GHz WiFi; recordings can be stored on a microSD card or in optional cloud storage.",
        ],
        g=[
            "I wanted to see what our dog does all day while we're at work.",
            "Our newly adopted cat was hiding and I wanted to check on her during the day.",
            "We were working on our dog's separation anxiety with a trainer and needed to watch his behavior.",
            "I wanted to make sure the dog walker was actually coming at midday.",
            "Our puppy chews things when alone and I wanted to catch it and redirect him.",
        ],
        pos=[
            "Tossing treats during my lunch break makes my day and his.",
            "Bark alerts helped us figure out that the mail carrier is what sets him off.",
            "The night vision picture is clear enough to see him snoring on the couch.",
        ],
        neg=[
            "The treat tosser jams constantly with anything bigger than kibble.",
            "It disconnects from WiFi every day and has to be unplugged to reconnect.",
        ],
    ),
    dict(
        k="bird cage",
        t="{b} {v} Bird Cage, Wrought Iron Flight Cage with Rolling Stand, Perches and Slide-Out Tray",
        p=["Birds", "Cages & Accessories", "Cages"],
        vk="Size",
        v=["Large Flight 52 Inch", "Medium 30 Inch", "Extra Large 64 Inch"],
        pr=(49, 179),
        m="Wrought Iron",
        d=(30, 18, 52),
        w=(15, 45),
        f=[
            "ROOM TO FLY: Wide flight-style layout gives small birds space to flap and hop between perches",
            "SAFE 3/8 INCH BAR SPACING: Suitable for parakeets, canaries, finches and cockatiels",
            "ROLLING STAND WITH SHELF: Move the cage between rooms and store food and toys underneath",
            "SLIDE-OUT TRAY AND SEED GUARD: Keeps seed hulls off your floor and makes cleaning fast",
            "COMPLETE SETUP: Includes wooden perches, two feeder cups and a swing",
        ],
        ds=[
            "Give your birds room to fly, climb and play with the {b} {v} bird cage. Large front doors make it easy to reach in for cleaning and to handle your birds.",
            "Place the cage away from drafts, kitchens and direct afternoon sun. Lead-free, powder-coated finish.",
        ],
        g=[
            "We adopted two parakeets and their old cage was far too cramped.",
            "My cockatiel needed more space to flap and climb during the day.",
            "We needed a cage that could roll between rooms so my mom's lovebird can be near her.",
            "We were rescuing a pair of finches and needed a proper home for them.",
            "Our canaries were throwing seed all over the dining room floor.",
        ],
        pos=[
            "Our parakeets can actually fly short hops between perches now.",
            "The pull-out tray makes the daily cleaning a two-minute job.",
            "It rolls easily between the kitchen and the living room.",
        ],
        neg=[
            "The bars are spaced wider than listed and our budgie got her head stuck.",
            "Paint is chipping off the bars, which worries me since birds chew on them.",
        ],
    ),
    dict(
        k="cat tree",
        t="{b} {v} Cat Tree Tower with Sisal Scratching Posts, Plush Condo, Hammock and Top Perch",
        p=["Cats", "Cat Furniture", "Cat Trees"],
        vk="Height",
        v=["54 Inch", "72 Inch", "34 Inch Small"],
        pr=(39, 129),
        m="Particle Board, Plush",
        d=(20, 20, 54),
        w=(20, 45),
        f=[
            "NATURAL SISAL POSTS: Give claws a satisfying place to scratch so the couch is spared",
            "MULTI-LEVEL PLAY: Padded perches, an enclosed condo, a hammock and a lookout on top",
            "STABLE WIDE BASE: Includes a wall anchor strap for active climbers and large cats",
            "SOFT PLUSH COVERING: Cozy spots for napping in the sun",
            "DANGLING TOYS: Pom-pom toys keep kittens busy",
        ],
        ds=[
            "Give your cats a place to climb, scratch and nap with the {b} {v} cat tree. Cats feel safer up high, and a tall perch by a window turns bird watching into all-day entertainment.",
            "Assembly takes about 30 minutes with the included tools. Anchor to the wall if you have cats who launch themselves at the top.",
        ],
        g=[
            "Our cats were shredding the arms of our new couch.",
            "We adopted two young cats who needed an outlet for climbing besides the curtains.",
            "I wanted a perch for my cat by the window so she can watch the birds.",
            "Our senior cat needed easier steps up to her favorite high spot.",
            "We moved to a small apartment and wanted vertical space for three cats.",
        ],
        pos=[
            "The cats left the couch alone within a week of it arriving.",
            "It's sturdy even with two cats wrestling on the top platform.",
            "The window perch is now their favorite spot in the house.",
        ],
        neg=[
            "It wobbles badly and the cats won't go near it.",
            "The sisal unraveled from the posts in a few weeks.",
        ],
    ),
    dict(
        k="automatic feeder",
        t="{b} {v} Automatic Cat Feeder, Timed Dry Food Dispenser with Portion Control, Dual Power and Voice Recorder",
        p=["Cats", "Feeding & Watering Supplies", "Automatic Feeders"],
        vk="Capacity",
        v=["4L", "6L WiFi App", "Dual Bowl 5L"],
        pr=(39, 119),
        m="Plastic",
        d=(9, 9, 14),
        w=(3, 6),
        f=[
            "PROGRAMMABLE MEALS: Schedule up to 6 meals a day at exact times",
            "PORTION CONTROL: 1 to 10 portions per meal for weight management",
            "DUAL POWER: Runs on the adapter with battery backup during outages",
            "10-SECOND VOICE RECORDER: Call your pet to dinner in your own voice",
            "ANTI-JAM ROTOR AND DESICCANT: Keeps kibble dry and flowing",
        ],
        ds=[
            "Feed your pet on a consistent schedule with the {b} {v} automatic feeder, even when you're stuck late at the office.",
            "Designed for dry kibble up to 12 mm. The locking lid keeps clever cats from helping themselves.",
        ],
        g=[
            "Our cat wakes us at five in the morning demanding breakfast.",
            "I travel for work overnight sometimes and wanted my cat fed on time.",
            "The vet put our cat on a diet and we needed exact portions.",
            "We have two cats on different feeding schedules and kept double-feeding them.",
            "My diabetic cat needs small meals at regular times.",
        ],
        pos=[
            "Our cat now waits by the feeder instead of pawing at our faces.",
            "Portions are consistent and she's lost a pound in two months.",
            "The battery backup kept it running during a power outage.",
        ],
        neg=[
            "It jammed and our cat missed two meals while we were away.",
            "The cat figured out how to knock food out of the chute with his paw.",
        ],
    ),
    dict(
        k="orthopedic dog bed",
        t="{b} {v} Orthopedic Dog Bed, Memory Foam with Bolsters, Waterproof Liner and Removable Washable Cover",
        p=["Dogs", "Beds & Furniture", "Beds"],
        vk="Size",
        v=["Large", "Extra Large", "Medium"],
        pr=(35, 109),
        m="Memory Foam",
        d=(36, 27, 6),
        w=(5, 12),
        f=[
            "ORTHOPEDIC MEMORY FOAM: 4 inch egg-crate base relieves pressure on hips, elbows and joints",
            "BOLSTERED SIDES: Three raised edges for dogs who like to lean or rest their heads",
            "WATERPROOF INNER LINER: Protects the foam from accidents, drool and muddy paws",
            "MACHINE WASHABLE COVER: Zips off and goes right into the washer",
            "NON-SKID BOTTOM: Stays put on hardwood and tile floors",
        ],
        ds=[
            "Give your dog the joint support they deserve with the {b} {v} orthopedic bed. Senior dogs and big breeds rest more comfortably when their weight is spread evenly.",
            "Allow the foam 24 to 48 hours to fully expand after unpacking.",
        ],
        g=[
            "Our twelve-year-old golden retriever has arthritis and struggles to get up from the hard floor.",
            "Our dog kept stealing our bed and we needed something he likes more.",
            "We were setting up a cozy crate area for our new rescue greyhound.",
            "Our dog just had hip surgery and needed soft support while recovering.",
            "Our old dog has started having accidents at night and we needed a waterproof bed.",
        ],
        pos=[
            "Our old dog gets up much more easily in the morning.",
            "The cover washed well and zipped back on without a fight.",
            "The waterproof liner saved the foam after an accident.",
        ],
        neg=[
            "The foam flattened within a few weeks of use by our 80 pound dog.",
            "The zipper broke on the first wash.",
        ],
    ),
    dict(
        k="pet water fountain",
        t="{b} {v} Cat Water Fountain, Ultra Quiet Pet Fountain with Triple Filters and LED Water Level Window",
        p=["Cats", "Feeding & Watering Supplies", "Fountains"],
        vk="Capacity",
        v=["2.5L", "3L Stainless Steel", "1.8L"],
        pr=(25, 59),
        m="Stainless Steel",
        d=(8, 8, 6),
        w=(1.5, 3),
        f=[
            "ENCOURAGES DRINKING: Flowing, oxygenated water tempts cats who ignore still bowls",
            "ULTRA QUIET PUMP: Runs below 30 dB so it can sit next to your bed",
            "TRIPLE FILTRATION: Cotton, activated carbon and ion-exchange resin catch hair and reduce odors",
            "DISHWASHER SAFE: Stainless top and basin go right in the dishwasher",
            "WATER LEVEL WINDOW: Easy to see when it's time to refill",
        ],
        ds=[
            "Many cats don't drink enough from a still bowl. The {b} {v} fountain keeps water moving, cool and filtered, which encourages them to drink more throughout the day.",
            "Replace filters every 2 to 4 weeks and clean the pump monthly for best performance.",
        ],
        g=[
            "Our cat had a urinary blockage and the vet said she needs to drink more water.",
            "My cat will only drink from the bathroom faucet and yells until I turn it on.",
            "I wanted fresh water available for the cats while I'm at work all day.",
            "We have an older cat with kidney disease and keeping him hydrated is critical.",
            "Our dog and cat share a water bowl and it was always slimy by evening.",
        ],
        pos=[
            "Our cat drinks noticeably more and her last urine test was much better.",
            "The pump is silent; I only know it's on because of the trickle.",
            "The stainless basin is easy to keep clean and doesn't get slimy.",
        ],
        neg=[
            "The pump died after three weeks.",
            "It gurgles loudly whenever the water gets even a little low.",
        ],
    ),
    dict(
        k="retractable leash",
        t="{b} {v} Retractable Dog Leash, Tangle-Free Reflective Tape with One-Button Brake and Poop Bag Dispenser",
        p=["Dogs", "Collars, Harnesses & Leashes", "Leashes"],
        vk="Length",
        v=["16 ft Medium", "26 ft Large", "10 ft Small"],
        pr=(12, 35),
        m="Nylon, ABS",
        d=(6, 5, 2),
        w=(0.4, 0.8),
        f=[
            "360 DEGREE TANGLE-FREE: Swivel head keeps the tape from twisting as your dog circles",
            "ONE-BUTTON BRAKE AND LOCK: Stop and hold the length instantly with your thumb",
            "ANTI-SLIP HANDLE: Soft rubber grip that fits large and small hands",
            "REFLECTIVE TAPE: Visible at dusk and on early morning walks",
            "BUILT-IN BAG DISPENSER: Includes a roll of waste bags",
        ],
        ds=[
            "Give your dog freedom to sniff and explore with the {b} {v} retractable leash, while keeping control with a one-touch brake.",
            "Use the lock near roads and crowds. Not recommended for dogs that lunge or pull hard.",
        ],
        g=[
            "I wanted our beagle to sniff around on walks in the park without dragging me.",
            "We take our dog to the beach and wanted more freedom than a six-foot leash allows.",
            "I needed a lightweight leash so my mom can walk her small dog easily.",
            "We were practising recall in an open field before trying off-leash.",
            "Our dog needs to potty in the yard at night and we don't have a fence.",
        ],
        pos=[
            "The brake is quick and reliable, even when a squirrel runs by.",
            "The tape retracts smoothly and never tangles around his legs.",
            "The handle feels secure and the bag dispenser is handy.",
        ],
        neg=[
            "The tape stopped retracting after a week.",
            "The lock button jammed and wouldn't release.",
        ],
    ),
    dict(
        k="puzzle toy",
        t="{b} {v} Dog Puzzle Toy, Interactive Treat Dispensing Brain Game for Smart Dogs",
        p=["Dogs", "Toys", "Puzzle Toys"],
        vk="Difficulty",
        v=["Level 2 Intermediate", "Level 3 Advanced", "Level 1 Beginner"],
        pr=(12, 29),
        m="Plastic",
        d=(10, 10, 2),
        w=(0.6, 1.2),
        f=[
            "MENTAL STIMULATION: Ten minutes of puzzle work can tire a dog out like a long walk",
            "HIDE TREATS OR KIBBLE: Flip lids, slide blocks and lift cones to find the reward",
            "NON-SKID RUBBER FEET: Keeps the board from sliding across the floor",
            "DISHWASHER SAFE: Top rack safe for easy cleaning",
            "FOOD-SAFE, BPA-FREE PLASTIC",
        ],
        ds=[
            "Challenge your dog's brain with the {b} {v} puzzle toy. Start with the compartments open so your dog learns the game, then increase the difficulty.",
            "Always supervise play and put the puzzle away afterwards so pieces don't get chewed.",
        ],
        g=[
            "Our border collie gets destructive when she's bored on rainy days.",
            "Our dog eats too fast and we wanted to make her work for her dinner.",
            "We were looking for enrichment for our senior dog who can't walk far anymore.",
            "My dog was on crate rest after surgery and needed mental exercise.",
            "We were training our puppy to settle and wanted something to keep him busy during work calls.",
        ],
        pos=[
            "It keeps him focused for a good twenty minutes and then he naps.",
            "She figured out the first level quickly and loves the challenge.",
            "Cleanup in the dishwasher is easy.",
        ],
        neg=[
            "My dog solved it in a minute and then chewed the sliding pieces.",
            "The small cones pop off easily and could be a choking hazard.",
        ],
    ),
    dict(
        k="nail grinder",
        t="{b} {v} Dog Nail Grinder, Quiet Electric Pet Nail Trimmer with LED Light and Diamond Bit",
        p=["Dogs", "Grooming", "Nail Care"],
        vk="Model",
        v=["2-Speed", "3-Speed with LED", "Cordless Professional"],
        pr=(19, 49),
        m="Plastic",
        d=(6, 2, 2),
        w=(0.3, 0.6),
        f=[
            "LOW-NOISE MOTOR: Under 50 dB, much less scary than clippers for nervous pets",
            "LED LIGHT: Illuminates the nail so you can see the quick on dark nails",
            "USB RECHARGEABLE: About 3 hours of runtime per charge",
            "3 GRINDING PORTS: Small, medium and large openings for cats, small dogs and big breeds",
            "DIAMOND BIT: Files smoothly without heat build-up",
        ],
        ds=[
            "Trim nails safely at home with the {b} {v} nail grinder. Grinding a little at a time rounds the nail and avoids the painful splits and quick cuts that come with clippers.",
            "Let your pet sniff and hear the grinder before the first session and reward them with treats.",
        ],
        g=[
            "Our dog panics at the clippers and I didn't want to pay the groomer every month.",
            "My cat's claws kept getting caught in the carpet.",
            "Our dog has dark nails and I was afraid of cutting the quick.",
            "I wanted smoother nails so our dog stops scratching our new hardwood floors.",
            "Our senior dog's nails were too long and making him slip on the tile.",
        ],
        pos=[
            "It's quiet enough that my nervous dog tolerates it with a few treats.",
            "The LED light helps me see exactly where the quick starts.",
            "One charge lasts for several sessions with both dogs.",
        ],
        neg=[
            "It's too weak for my mastiff's thick nails.",
            "The housing gets hot after a few minutes of use.",
        ],
    ),
    dict(
        k="cat carrier",
        t="{b} {v} Cat Carrier, Airline Approved Soft-Sided Pet Carrier with Top Entry and Mesh Windows",
        p=["Cats", "Carriers & Strollers", "Carriers"],
        vk="Size",
        v=["Medium", "Large", "Expandable"],
        pr=(25, 59),
        m="Oxford Fabric, Mesh",
        d=(17, 11, 11),
        w=(2, 4),
        f=[
            "AIRLINE APPROVED SIZE: Fits under most airline seats for in-cabin travel",
            "TOP AND SIDE ENTRY: Lower a reluctant cat in from above instead of pushing them through a door",
            "WASHABLE FLEECE PAD: Soft bedding that comes out for washing",
            "4-SIDED MESH VENTILATION: Airflow and visibility to keep pets calm",
            "SEATBELT STRAP AND SHOULDER STRAP: Secure in the car and easy to carry",
        ],
        ds=[
            "Make vet visits and flights less stressful with the {b} {v} cat carrier. The soft-sided frame gives a little to fit under seats but holds its shape so your pet has room.",
            "Check your airline's size and weight requirements before you fly.",
        ],
        g=[
            "We were flying across the country to move and had to bring our cat in the cabin.",
            "Our cat hides every time we bring out the old hard carrier for vet visits.",
            "I foster kittens and needed a carrier for adoption events.",
            "We fly home to visit family twice a year and bring our cat along.",
            "Our vet recommended a top-loading carrier for our anxious cat.",
        ],
        pos=[
            "Top entry made getting our cat in much easier; no more wrestling.",
            "It fit under the airplane seat with no problem.",
            "Our cat seemed calm being able to see out the mesh windows.",
        ],
        neg=[
            "The zipper broke on the first trip to the vet.",
            "It's smaller than listed and our ten pound cat barely fit.",
        ],
    ),
    dict(
        k="aquarium heater",
        t="{b} {v} Aquarium Heater, Submersible Fish Tank Heater with Adjustable Thermostat and Auto Shut-Off",
        p=["Fish & Aquatic Pets", "Aquarium Heaters & Chillers", "Aquarium Heaters"],
        vk="Wattage",
        v=["100W", "200W", "50W"],
        pr=(15, 39),
        m="Quartz Glass",
        d=(10, 2, 2),
        w=(0.3, 0.6),
        f=[
            "ACCURATE THERMOSTAT: Set from 68 to 93 F in half-degree steps",
            "AUTO SHUT-OFF: Turns off when exposed to air to prevent cracking",
            "SHATTERPROOF QUARTZ TUBE: Survives accidental bumps during water changes",
            "INDICATOR LIGHT: Red while heating, green when at temperature",
            "FULLY SUBMERSIBLE: Mount vertically or horizontally with included suction cups",
        ],
        ds=[
            "Keep tropical fish comfortable with the {b} {v} aquarium heater. Stable temperatures reduce stress and help prevent disease like ich.",
            "Use about 5 watts per gallon and always check with a separate thermometer.",
        ],
        g=[
            "I keep tropical fish and our house gets cold at night in winter.",
            "My betta was lethargic in unheated water and the pet store said he needed 78 degrees.",
            "I was setting up a breeding tank for guppies.",
            "Our classroom tank needed steady heat over weekends when the school heat is turned down.",
            "We were treating an ich outbreak and needed to raise the tank temperature.",
        ],
        pos=[
            "It holds within a degree of the set point, checked with a separate thermometer.",
            "The fish are much more active now that the water stays warm.",
            "The indicator light makes it easy to see it's working.",
        ],
        neg=[
            "It got stuck on and cooked the tank to 90 degrees overnight.",
            "The thermostat dial is off by five degrees.",
        ],
    ),
    dict(
        k="small animal cage",
        t="{b} {v} Hamster Cage with Deep Base, Silent Wheel, Water Bottle, Hideout and Food Bowl",
        p=["Small Animals", "Cages & Habitats", "Cages"],
        vk="Size",
        v=["Large", "Extra Large", "Medium"],
        pr=(29, 99),
        m="Plastic, Metal",
        d=(24, 15, 12),
        w=(5, 12),
        f=[
            "SPACIOUS FLOOR: Over 450 square inches of floor space meets welfare recommendations",
            "SILENT SPINNER WHEEL: Quiet enough for a bedroom at night",
            "DEEP BASE: Holds 6 inches of bedding for natural burrowing",
            "INCLUDES ACCESSORIES: Water bottle, ceramic food bowl, hideout and ladder",
            "WIDE TOP DOOR: Easy access for cleaning and handling",
        ],
        ds=[
            "Give your hamster, gerbil or mouse a complete habitat with the {b} {v} cage. The deep base and clear panels let you watch tunnels form.",
            "Spot clean weekly and do a full bedding change every few weeks.",
        ],
        g=[
            "My daughter got her first hamster for her birthday.",
            "Our dwarf hamster's pet store starter cage was far too small.",
            "We adopted two gerbils from a shelter and needed a proper habitat.",
            "We wanted a cage with a quiet wheel because it's in our son's bedroom.",
            "Our hamster kept chewing the bars of his old wire cage.",
        ],
        pos=[
            "The wheel is silent, which is a huge deal in a bedroom.",
            "There's plenty of depth for bedding and he's built tunnels.",
            "My daughter loves it and cleaning is easy with the top door.",
        ],
        neg=[
            "The door latch is weak and our hamster escaped twice.",
            "It's much smaller than it looks in the pictures.",
        ],
    ),
    dict(
        k="car seat cover",
        t="{b} {v} Dog Car Seat Cover for Back Seat, Waterproof Scratchproof Hammock with Mesh Window and Side Flaps",
        p=["Dogs", "Travel Accessories", "Car Seat Covers"],
        vk="Size",
        v=["Standard", "XL for SUV and Truck", "Bench Style"],
        pr=(25, 59),
        m="600D Oxford Fabric",
        d=(15, 10, 4),
        w=(2, 4),
        f=[
            "WATERPROOF 4-LAYER FABRIC: Stops mud, drool and wet fur from soaking into seats",
            "HAMMOCK MODE: Keeps dogs from falling into the footwell during sudden stops",
            "MESH VIEWING WINDOW: Lets your dog see you and improves airflow from the front vents",
            "NONSLIP BACKING AND SEAT ANCHORS: Stays in place on leather and cloth",
            "SIDE FLAPS AND SEATBELT OPENINGS: Protect doors and keep dog seat belts usable",
        ],
        ds=[
            "Protect your car's interior with the {b} {v} seat cover. It installs in under a minute with adjustable headrest straps.",
            "Machine wash on gentle and air dry.",
        ],
        g=[
            "Our dog comes home from the dog park covered in mud every weekend.",
            "We were taking a cross-country road trip with two big dogs.",
            "Our husky sheds so much the back seat was full of hair.",
            "I drive my dog to the lake every weekend and he's always soaking wet.",
            "We were selling our car and wanted to stop any more claw scratches on the leather.",
        ],
        pos=[
            "Muddy paws don't reach the seats at all anymore.",
            "The mesh window lets our dog see us, and she stopped whining.",
            "It stays in place even when he jumps in and out.",
        ],
        neg=[
            "It slides off the seat and bunches up in the middle.",
            "It isn't waterproof at all; a wet dog soaked right through.",
        ],
    ),
    dict(
        k="slow feeder bowl",
        t="{b} {v} Slow Feeder Dog Bowl, Anti-Gulping Maze Puzzle Bowl with Non-Slip Base",
        p=["Dogs", "Feeding & Watering Supplies", "Bowls"],
        vk="Size",
        v=["Large 4 Cup", "Medium 2 Cup", "Small 1 Cup"],
        pr=(9, 25),
        m="BPA-Free Plastic",
        d=(11, 11, 2),
        w=(0.5, 1),
        f=[
            "SLOWS EATING UP TO 10X: Maze ridges make dogs work around each bite",
            "REDUCES BLOAT AND VOMITING: Less air swallowed during meals",
            "NON-SKID RUBBER BASE: Won't slide across the kitchen floor",
            "DISHWASHER SAFE: Rounded channels for easier cleaning",
            "FOOD-SAFE MATERIAL: BPA-free and phthalate-free",
        ],
        ds=[
            "Turn mealtime into a game with the {b} {v} slow feeder. Dogs that gulp their food are prone to choking, vomiting and bloat; a maze bowl slows them down naturally.",
            "Works with dry kibble, wet food and raw diets.",
        ],
        g=[
            "Our lab inhales his food in seconds and then throws it up.",
            "The vet said our deep-chested dog was at risk of bloat from eating too fast.",
            "Our dog needed to lose weight and was always acting starved after meals.",
            "We were trying to make mealtime more engaging for our bored young dog.",
            "Our two dogs race to finish and then steal each other's food.",
        ],
        pos=[
            "Meals now take five minutes instead of thirty seconds.",
            "No more vomiting after dinner since we switched.",
            "It doesn't slide around the floor even when he pushes it.",
        ],
        neg=[
            "My dog just flips it over and eats off the floor.",
            "Wet food gets stuck in the ridges and it's hard to clean.",
        ],
    ),
    dict(
        k="dog life jacket",
        t="{b} {v} Dog Life Jacket, Reflective Ripstop Flotation Vest with Rescue Handle and Chin Float",
        p=["Dogs", "Apparel & Accessories", "Life Jackets"],
        vk="Size",
        v=["Medium", "Large", "Small"],
        pr=(19, 45),
        m="Ripstop Nylon",
        d=(12, 10, 3),
        w=(0.6, 1.2),
        f=[
            "HIGH BUOYANCY FOAM: Keeps your dog level and their head above water",
            "STRONG RESCUE HANDLE: Lift your dog out of the water and back onto the boat",
            "FRONT CHIN FLOAT: Supports the head so tired swimmers don't swallow water",
            "BRIGHT COLOR AND REFLECTIVE TRIM: Easy to spot in waves and low light",
            "QUICK RELEASE BUCKLES: Adjustable belly and neck straps for a secure fit",
        ],
        ds=[
            "Keep your dog safe on the water with the {b} {v} life jacket. Even strong swimmers tire quickly in currents and cold water.",
            "Let your dog wear the vest on land first and reward calm behavior.",
        ],
        g=[
            "We take our dog out on our boat and he's not a strong swimmer.",
            "I paddleboard with my dog and wanted a vest with a handle to pull her back up.",
            "Our senior dog loves swimming but tires quickly now.",
            "We were going on a family kayaking trip with our terrier.",
            "Our bulldog can't swim at all and we have a pool.",
        ],
        pos=[
            "The handle made it easy to lift him back onto the boat.",
            "She floats nicely and looks much more confident in the water.",
            "It stays put when he swims, with no sliding forward.",
        ],
        neg=[
            "The buckle broke on the first day at the lake.",
            "It rides up around his neck in the water.",
        ],
    ),
    dict(
        k="grooming brush",
        t="{b} {v} Self-Cleaning Pet Brush for Dogs and Cats, Deshedding Grooming Tool for Short and Long Hair",
        p=["Dogs", "Grooming", "Brushes"],
        vk="Style",
        v=["Slicker", "Undercoat Rake", "Slicker Large"],
        pr=(9, 29),
        m="Stainless Steel, Plastic",
        d=(8, 4, 2),
        w=(0.2, 0.5),
        f=[
            "ONE-CLICK SELF-CLEANING: Press the button and the bristles retract so fur slides right off",
            "GENTLE ANGLED BRISTLES: Remove tangles and mats without scratching the skin",
            "REACHES THE UNDERCOAT: Pulls out loose fur before it ends up on your couch",
            "ERGONOMIC ANTI-SLIP HANDLE: Comfortable for long grooming sessions",
            "FOR ALL COAT TYPES: Short, medium and long-haired dogs and cats",
        ],
        ds=[
            "Reduce shedding by up to 90 percent with regular brushing using the {b} {v} brush. Brushing also spreads natural oils for a shinier coat.",
            "Brush in the direction of hair growth, a few minutes at a time.",
        ],
        g=[
            "Our husky blows her coat twice a year and there's fur everywhere.",
            "My long-haired cat gets mats behind her ears and on her belly.",
            "I wanted to groom my doodle between professional grooming visits.",
            "We wanted less pet hair on the couch before guests come over.",
            "My son is mildly allergic and we wanted to cut down on loose fur.",
        ],
        pos=[
            "One session filled a grocery bag with undercoat.",
            "The self-cleaning button makes it so quick to clear the fur.",
            "My cat, who hates brushes, actually leans into this one.",
        ],
        neg=[
            "The bristles scratched my dog's skin and left red marks.",
            "The retract button stopped working after a few weeks.",
        ],
    ),
]


BABY_PRODUCTS = [
    dict(
        k="baby monitor",
        t="{b} {v} Video Baby Monitor with Camera and Audio, 5 Inch Screen, Night Vision and Two-Way Talk",
        p=["Safety", "Monitors", "Video Monitors"],
        vk="Model",
        v=["Single Camera", "2 Camera Split Screen", "Single Camera with Extra Battery"],
        pr=(59, 199),
        m="Plastic",
        d=(8, 6, 4),
        w=(1, 2.5),
        f=[
            "NO WIFI NEEDED: Secure closed-loop signal with a range of up to 1000 ft, so there is nothing to hack",
            "INFRARED NIGHT VISION: Clear black-and-white view in a dark nursery without a visible light",
            "TWO-WAY TALK: Soothe your baby from another room with the push-to-talk button",
            "ROOM TEMPERATURE SENSOR: Alerts you if the nursery gets too warm or too cold",
            "LULLABIES AND VOX MODE: The screen sleeps until your baby makes a sound, saving battery",
        ],
        ds=[
            "Keep an eye on your little one with the {b} {v} baby monitor. Remote pan and tilt lets you see every corner of the crib, and the rechargeable parent unit goes with you around the house.",
            "Place the camera at least 3 feet from the crib and secure the cord out of reach.",
        ],
        g=[
            "We were setting up a nursery before our daughter arrived and needed a monitor we could check from the kitchen.",
            "Our son moved into his own room at six months and I was anxious about it.",
            "We have twins in separate rooms and needed to watch both at once.",
            "My mother babysits and isn't comfortable with phone apps, so we wanted a dedicated screen.",
            "We live in a two-story house and I wanted to hear the baby while doing laundry in the basement.",
        ],
        pos=[
            "The night vision is clear enough to see her breathing.",
            "The range reaches all the way to the backyard garden.",
            "The battery on the parent unit lasts the whole night in VOX mode.",
        ],
        neg=[
            "The signal drops every night around two in the morning and beeps loudly.",
            "The picture is grainy and the camera motor is noisy enough to wake him.",
        ],
    ),
    dict(
        k="stroller",
        t="{b} {v} Baby Stroller, Lightweight Compact Fold with Reclining Seat, UPF 50+ Canopy and Large Basket",
        p=["Strollers & Accessories", "Strollers", "Lightweight Strollers"],
        vk="Color",
        v=["Travel Compact Black", "Travel Compact Navy", "Travel Compact Sand"],
        pr=(129, 399),
        m="Aluminum, Polyester",
        d=(30, 20, 40),
        w=(14, 28),
        f=[
            "ONE-HAND FOLD: Folds compact enough for car trunks and many airline overhead bins",
            "NEAR-FLAT RECLINE: Multi-position seat lets your baby nap on the go",
            "UPF 50+ CANOPY: Extendable sun shade with a peek-a-boo window",
            "ALL-WHEEL SUSPENSION: Smooth ride over cracked sidewalks, gravel and park trails",
            "LARGE STORAGE BASKET: Holds a full diaper bag plus groceries",
        ],
        ds=[
            "Get out and about with the {b} {v} stroller. A light aluminum frame makes it easy to lift into the car, and the adjustable handlebar suits tall and short parents.",
            "Suitable from 6 months, or from birth when used with a compatible infant car seat.",
        ],
        g=[
            "We were flying to visit the grandparents and needed a stroller that fits the overhead bin.",
            "We walk two miles to the park every morning and our old stroller rattled on the cracked sidewalks.",
            "We live in the city and take the subway, so it had to fold with one hand.",
            "We were planning a week at theme parks with a toddler.",
            "Our big travel system didn't fit in the trunk with the groceries.",
        ],
        pos=[
            "It folds with one hand while I hold the baby on my hip.",
            "The canopy covers her completely from the afternoon sun.",
            "It pushes smoothly over gravel paths at the park.",
        ],
        neg=[
            "A front wheel started wobbling and squeaking after two months.",
            "The basket is tiny and the brake sticks.",
        ],
    ),
    dict(
        k="crib mattress",
        t="{b} {v} Crib Mattress, Dual-Sided Infant and Toddler, Waterproof Breathable Cover, Greenguard Gold Certified",
        p=["Nursery", "Bedding", "Crib Mattresses"],
        vk="Type",
        v=["Standard 6 Inch", "Breathable Mesh", "Organic Cotton"],
        pr=(69, 229),
        m="Foam, Cotton",
        d=(52, 28, 6),
        w=(8, 15),
        f=[
            "DUAL-SIDED: Extra firm infant side for safe sleep and a softer toddler side for later",
            "WATERPROOF COVER: Spit-up and diaper leaks wipe right off without soaking in",
            "GREENGUARD GOLD CERTIFIED: Tested for low chemical emissions in the nursery",
            "SNUG FIT: Sized for standard full-size cribs and toddler beds, no dangerous gaps",
            "LIGHTWEIGHT: Easy to lift when changing crib sheets at 3 a.m.",
        ],
        ds=[
            "Safe, supportive sleep from the first night home with the {b} {v} crib mattress. The firm infant side meets federal firmness guidelines for babies under 12 months.",
            "Always use a fitted crib sheet and place your baby on their back to sleep.",
        ],
        g=[
            "We were furnishing the nursery and wanted a firm, safe mattress for a newborn.",
            "Our toddler was outgrowing the rock-hard infant side and we wanted a dual-sided mattress.",
            "I wanted something with low chemical emissions for our baby's room.",
            "Our son has reflux and spits up a lot, so we needed something waterproof.",
            "We were converting the crib into a toddler bed and needed a new mattress.",
        ],
        pos=[
            "It fits our crib perfectly with no gaps around the edges.",
            "Spit-up wipes right off the cover.",
            "There was no chemical smell at all when we unboxed it.",
        ],
        neg=[
            "There's a gap on both sides when it's pushed against the crib.",
            "The waterproof cover crinkles loudly every time she moves.",
        ],
    ),
    dict(
        k="bottle sterilizer",
        t="{b} {v} Sterilizer and Dryer, Electric Steam Sterilizer for Baby Bottles, Pacifiers and Breast Pump Parts",
        p=["Feeding", "Bottle-Feeding", "Sterilizers & Dryers"],
        vk="Capacity",
        v=["6 Bottle", "8 Bottle with HEPA Dryer", "10 Bottle Large"],
        pr=(29, 129),
        m="Plastic",
        d=(12, 12, 12),
        w=(2, 7),
        f=[
            "KILLS 99.9% OF GERMS: Natural steam sterilizes in 10 minutes with no chemicals",
            "BUILT-IN DRYER: HEPA-filtered warm air dries bottles so you can skip the drying rack",
            "LARGE CAPACITY: Fits wide and narrow bottles, nipples, pacifiers and pump parts",
            "AUTO SHUT-OFF: Turns off when the cycle ends or the water runs out",
            "24-HOUR STORAGE MODE: Keeps items sterile until the next feeding",
        ],
        ds=[
            "Sterilize and dry in one step with the {b} {v} sterilizer. Load it after the evening wash and wake up to bottles that are clean, dry and ready for night feeds.",
            "Use distilled water and descale monthly to prevent mineral buildup.",
        ],
        g=[
            "Our newborn was born premature and the NICU told us to sterilize everything.",
            "I was exclusively pumping and washing pump parts eight times a day.",
            "We were tired of bottles cluttering every inch of the drying rack.",
            "We wanted bottles ready fast during the midnight feedings.",
            "Our daughter was getting recurring thrush and the pediatrician said to sterilize pacifiers.",
        ],
        pos=[
            "Sterilize and dry takes under an hour and everything comes out ready.",
            "It fits all my pump parts plus six bottles.",
            "It's quiet enough to run at night next to the bedroom.",
        ],
        neg=[
            "The drying cycle leaves the bottles still wet inside.",
            "It left white mineral residue on everything even with distilled water.",
        ],
    ),
    dict(
        k="baby carrier",
        t="{b} {v} Baby Carrier Newborn to Toddler, Ergonomic 4-in-1 Carrier with Lumbar Support and Head Hood",
        p=["Gear", "Backpacks & Carriers", "Baby Carriers"],
        vk="Style",
        v=["All-Position Mesh", "All-Position Cotton", "All-Position Mesh Navy"],
        pr=(39, 159),
        m="Cotton, Mesh",
        d=(14, 10, 5),
        w=(1.5, 3),
        f=[
            "ERGONOMIC HIP POSITION: Wide M-shaped seat supports healthy hip development",
            "PADDED LUMBAR BELT: Spreads weight to your hips for long walks without back pain",
            "4 CARRY POSITIONS: Front-inward, front-outward, hip and back for 7 to 45 lb",
            "BREATHABLE 3D MESH: Keeps parent and baby cooler on warm days",
            "NEWBORN READY: Adjustable seat width, no separate infant insert needed",
        ],
        ds=[
            "Keep your baby close and your hands free with the {b} {v} carrier. Buckles and straps adjust easily so two parents of different sizes can share it.",
            "Always keep your baby's face visible and close enough to kiss.",
        ],
        g=[
            "Our colicky newborn only calms down when she's held, and I needed my hands free.",
            "We hike a lot and wanted to keep doing it with our son.",
            "I needed to get chores done while keeping the baby close.",
            "We were traveling through several airports and didn't want to check a stroller.",
            "My husband wanted to do more of the daily dog walks with the baby.",
        ],
        pos=[
            "My back doesn't hurt even after a two-hour walk.",
            "My baby falls asleep in it within minutes.",
            "I can do all the buckles by myself without help.",
        ],
        neg=[
            "The shoulder straps dig into my shoulders after twenty minutes.",
            "It's very hot in summer even with the mesh panel.",
        ],
    ),
    dict(
        k="high chair",
        t="{b} {v} High Chair for Babies and Toddlers, Adjustable Height and Recline with Dishwasher-Safe Tray",
        p=["Feeding", "Highchairs & Booster Seats", "Highchairs"],
        vk="Style",
        v=["Convertible 3-in-1", "Folding Compact", "Solid Wood"],
        pr=(49, 199),
        m="Plastic, Steel",
        d=(25, 22, 40),
        w=(12, 22),
        f=[
            "GROWS WITH YOUR CHILD: Converts from infant high chair to booster seat to toddler chair",
            "DISHWASHER-SAFE TRAY INSERT: Pops off with one hand for quick cleanup",
            "5-POINT SAFETY HARNESS: Keeps wiggly eaters securely seated",
            "7 HEIGHT AND 3 RECLINE POSITIONS: Pull up to the table or feed at your level",
            "LOCKING WHEELS: Roll it around the kitchen, then lock in place",
        ],
        ds=[
            "Make mealtime easier with the {b} {v} high chair. Smooth, wipeable seat pads with no deep seams mean less hidden food and fewer crumbs to pick out.",
            "Always use the harness and never leave your child unattended in the chair.",
        ],
        g=[
            "Our son was starting solid foods at six months.",
            "We wanted our toddler to sit at the table with us for family dinners.",
            "Our kitchen is tiny and we needed a chair that folds away between meals.",
            "We were doing baby-led weaning and knew it was going to get very messy.",
            "Grandma wanted a high chair at her house for Sunday lunches.",
        ],
        pos=[
            "The tray pops off with one hand and goes straight in the dishwasher.",
            "It folds flat and slides into the gap beside the fridge.",
            "The seat wipes clean with no crumb-catching crevices.",
        ],
        neg=[
            "Food gets caught in the harness straps and they're hard to clean.",
            "The tray latch is so stiff I need two hands and a knee to open it.",
        ],
    ),
    dict(
        k="diaper bag",
        t="{b} {v} Diaper Bag Backpack, Large Capacity Waterproof Baby Bag with Changing Pad, Insulated Pockets and Stroller Straps",
        p=["Diapering", "Diaper Bags", "Diaper Bag Backpacks"],
        vk="Color",
        v=["Black", "Heather Grey", "Olive"],
        pr=(29, 79),
        m="Polyester",
        d=(16, 12, 7),
        w=(1.5, 2.5),
        f=[
            "16 ORGANIZING POCKETS: Separate spots for diapers, wipes, bottles, clothes and your own phone and keys",
            "INSULATED BOTTLE POCKETS: Keep milk or formula cold for up to 4 hours",
            "PADDED CHANGING PAD INCLUDED: Folds into its own pocket for changes on the go",
            "STROLLER STRAPS: Hook onto any stroller handle to free your shoulders",
            "WATER-RESISTANT FABRIC: Wipes clean after spills and leaks",
        ],
        ds=[
            "Leave the house prepared with the {b} {v} diaper bag backpack. A wide top opening lets you see everything at once, and the neutral design works for both parents.",
            "The side wipes pocket opens with one hand while you hold the baby.",
        ],
        g=[
            "We were taking our first long road trip with the baby.",
            "I wanted a diaper bag my husband would actually carry.",
            "I was going back to work and needed a bag for daycare drop-offs.",
            "We go to the zoo every week and I needed everything in one bag.",
            "We were flying with an infant and needed one carry-on for all the baby gear.",
        ],
        pos=[
            "Everything has its own pocket, so I'm not digging for the pacifier.",
            "The bottle pockets kept milk cold through a whole afternoon out.",
            "My husband doesn't mind carrying it at all.",
        ],
        neg=[
            "The main zipper broke within a month.",
            "It's bulky and the shoulder straps are uncomfortable when full.",
        ],
    ),
    dict(
        k="convertible car seat",
        t="{b} {v} Convertible Car Seat, Rear and Forward Facing with Side Impact Protection and Easy LATCH Install",
        p=["Car Seats & Accessories", "Car Seats", "Convertible"],
        vk="Model",
        v=["All-in-One", "Slim Fit", "Extended Rear-Facing"],
        pr=(129, 349),
        m="Plastic, Polyester",
        d=(22, 19, 26),
        w=(15, 25),
        f=[
            "REAR-FACING 5-40 LB, FORWARD-FACING 22-65 LB: One seat for years of use",
            "SIDE IMPACT PROTECTION: Energy-absorbing foam and deep side wings",
            "PUSH-BUTTON LATCH INSTALL: Bubble level indicator helps get the angle right",
            "NO-RETHREAD HARNESS: Raise the headrest and harness together as your child grows",
            "MACHINE-WASHABLE COVER AND 2 CUP HOLDERS",
        ],
        ds=[
            "Protect your child from infancy through the preschool years with the {b} {v} convertible car seat. A slim profile helps fit three across in many mid-size vehicles.",
            "Read the vehicle and seat manuals carefully; consider having installation checked by a certified technician.",
        ],
        g=[
            "Our son outgrew his infant seat and we needed a convertible one.",
            "We needed to fit three car seats across in our small SUV.",
            "We wanted a second seat permanently installed in grandma's car.",
            "We were preparing for a ten-hour road trip and wanted a comfortable seat.",
            "Our daughter was about to turn two and we wanted to keep her rear-facing longer.",
        ],
        pos=[
            "Installation was easy with the push-button LATCH and the level indicator.",
            "Three seats fit across our back seat with this one in the middle.",
            "My daughter is comfortable and naps well on long drives.",
        ],
        neg=[
            "It's really hard to get it tight enough with the seat belt install.",
            "The cover is a nightmare to take off for washing.",
        ],
    ),
    dict(
        k="baby bathtub",
        t="{b} {v} Baby Bathtub, Foldable Infant to Toddler Tub with Newborn Sling and Temperature-Sensing Drain Plug",
        p=["Bathing & Skin Care", "Bathing Tubs & Seats", "Bathtubs"],
        vk="Style",
        v=["Foldable Grey", "Foldable Aqua", "Foldable with Toddler Seat"],
        pr=(25, 49),
        m="Plastic",
        d=(30, 18, 8),
        w=(2, 4),
        f=[
            "FOLDS FLAT: Collapses to 3 inches thick to hang behind a door",
            "TEMPERATURE-SENSING PLUG: Turns white when bath water is too hot",
            "REMOVABLE NEWBORN SLING: Cradles tiny babies above the water",
            "NON-SLIP FEET: Stable on the counter, in the sink or inside the big tub",
            "QUICK-DRAIN PLUG: Empty without lifting the tub",
        ],
        ds=[
            "Bath time made easier from day one with the {b} {v} baby tub. The soft mesh sling supports newborns, and the contoured backrest helps sitting babies later.",
            "Never leave your baby unattended in water, even for a moment.",
        ],
        g=[
            "We were nervous about giving our newborn his first bath at home.",
            "We live in an apartment with only a shower, no bathtub.",
            "We needed a tub that folds away in our tiny bathroom.",
            "We were staying at my in-laws for a month and needed a portable tub.",
            "I had a C-section and couldn't bend over the big bathtub.",
        ],
        pos=[
            "The sling makes newborn baths much less nerve-wracking.",
            "The color-changing plug gives me peace of mind about the water temperature.",
            "It folds flat and hangs on a hook behind the door.",
        ],
        neg=[
            "It leaks at the folding joints and drips all over the counter.",
            "The sling is too small and our baby outgrew it in two weeks.",
        ],
    ),
    dict(
        k="white noise machine",
        t="{b} {v} White Noise Machine with Night Light for Baby, 30 Soothing Sounds, Timer and Continuous Play",
        p=["Nursery", "Nursery Decor", "Sound Machines"],
        vk="Model",
        v=["Portable Rechargeable", "Plug-In", "Smart App-Controlled"],
        pr=(19, 59),
        m="Plastic",
        d=(4, 4, 3),
        w=(0.3, 1),
        f=[
            "30 NON-LOOPING SOUNDS: White, pink and brown noise, fan, rain, ocean and lullabies",
            "DIMMABLE NIGHT LIGHT: Warm amber glow for night feeds and diaper changes",
            "TIMER OR ALL NIGHT: Choose 30, 60 or 90 minutes or continuous play",
            "PORTABLE: Rechargeable battery and stroller clip for naps on the go",
            "MEMORY FUNCTION: Remembers your last sound and volume",
        ],
        ds=[
            "Help your baby fall and stay asleep with the {b} {v} white noise machine. Consistent sound masks barking dogs, doorbells and older siblings.",
            "Keep the machine at least 7 feet from the crib and at a moderate volume.",
        ],
        g=[
            "Our daughter wakes up at every little noise in the house.",
            "We were traveling and needed the same sleep sounds as at home.",
            "Our baby's room shares a wall with a noisy neighbor.",
            "We were sleep training and wanted a consistent bedtime routine.",
            "Our toddler naps while his older brother plays after school.",
        ],
        pos=[
            "She sleeps through the dog barking at the mail carrier now.",
            "The night light is just bright enough for night feedings without waking anyone.",
            "The sound doesn't loop noticeably, unlike our old machine.",
        ],
        neg=[
            "The sound loops with an audible gap every few seconds.",
            "The night light is too bright even on the lowest setting.",
        ],
    ),
    dict(
        k="activity gym",
        t="{b} {v} Baby Play Gym and Activity Mat with Tummy Time Pillow and 5 Hanging Toys",
        p=["Activity & Entertainment", "Play Mats & Gyms"],
        vk="Style",
        v=["Musical Light-Up", "Wooden A-Frame", "Jumbo Padded"],
        pr=(29, 89),
        m="Fabric",
        d=(36, 36, 18),
        w=(2, 6),
        f=[
            "STAGE-BASED PLAY: Lay and play, tummy time and sit and play as your baby grows",
            "TUMMY TIME PILLOW: Props baby up so tummy time is less frustrating",
            "5 DETACHABLE HANGING TOYS: Rattle, crinkle leaf, teether, mirror and soft star",
            "MUSIC AND LIGHTS: Kick-activated piano plays melodies",
            "MACHINE-WASHABLE PADDED MAT",
        ],
        ds=[
            "Support your baby's early development with the {b} {v} play gym. High-contrast patterns and reachable toys encourage batting, grasping and kicking.",
            "Supervise play at all times and remove hanging toys once your baby can pull up.",
        ],
        g=[
            "Our baby hated tummy time and we needed to make it more fun.",
            "I needed a safe spot to put the baby down while I cook dinner.",
            "We wanted developmental toys for our three-month-old.",
            "Grandma wanted a play space for the baby at her house.",
            "Our pediatrician said our son needed more tummy time to strengthen his neck.",
        ],
        pos=[
            "He actually tolerates tummy time now with the pillow and mirror.",
            "The toys keep her busy for twenty minutes, which feels like a miracle.",
            "The mat washed well in the machine.",
        ],
        neg=[
            "The arches fall over whenever she kicks them.",
            "The music is loud and there is no volume control.",
        ],
    ),
    dict(
        k="baby gate",
        t="{b} {v} Baby Gate for Stairs and Doorways, Auto-Close Walk-Through Safety Gate with Extensions",
        p=["Safety", "Gates & Doorways", "Gates"],
        vk="Width",
        v=["29-39 Inch", "29-48 Inch", "Extra Wide 60 Inch"],
        pr=(29, 89),
        m="Metal",
        d=(39, 2, 30),
        w=(8, 15),
        f=[
            "AUTO-CLOSE DOOR: Swings shut and latches behind you automatically",
            "PRESSURE MOUNT OR HARDWARE MOUNT: Install without drilling, or screw in for the top of stairs",
            "DOUBLE LOCK: Toddler-proof latch with a visual lock indicator",
            "EXTENSIONS INCLUDED: Fits openings from 29 to 39 inches and beyond",
            "ONE-HAND OPEN: Walk through while carrying a baby or laundry basket",
        ],
        ds=[
            "Keep curious crawlers safe with the {b} {v} baby gate. The 30 inch height and sturdy steel frame hold up to toddlers and determined pets.",
            "Always use hardware mounting at the top of stairs.",
        ],
        g=[
            "Our baby just started crawling and kept heading for the stairs.",
            "We needed to keep the dog out of the nursery.",
            "We have an open floor plan and needed a gate wide enough for the kitchen opening.",
            "We needed a gate at grandma's house for visits.",
            "Our toddler kept going into the kitchen while we were cooking.",
        ],
        pos=[
            "It closes and latches automatically every single time.",
            "I can open it with one hand while carrying the baby.",
            "It's very sturdy; our toddler has shaken it and it doesn't budge.",
        ],
        neg=[
            "The pressure mount slides and our toddler pushed it over.",
            "The latch is so stiff I can barely open it.",
        ],
    ),
    dict(
        k="swaddle",
        t="{b} {v} Muslin Swaddle Blankets, 100% Cotton Receiving Blankets for Newborns, 47 x 47 Inch",
        p=["Nursery", "Bedding", "Swaddling Blankets"],
        vk="Pack",
        v=["4-Pack Neutral", "4-Pack Floral", "3-Pack Woodland"],
        pr=(19, 45),
        m="Cotton Muslin",
        d=(10, 8, 3),
        w=(0.5, 1),
        f=[
            "BREATHABLE MUSLIN: Open weave helps prevent overheating",
            "LARGE 47 INCH SQUARES: Big enough for a snug swaddle, even for bigger babies",
            "GETS SOFTER WITH EVERY WASH: Pre-washed for softness from day one",
            "MULTI-USE: Nursing cover, stroller shade, burp cloth and tummy time blanket",
            "GIFT READY: Packaged in a keepsake box",
        ],
        ds=[
            "Swaddle snugly and safely with the {b} {v} muslin blankets. Lightweight cotton muslin keeps babies cozy without overheating.",
            "Swaddle with room for the hips to move and stop swaddling once your baby shows signs of rolling.",
        ],
        g=[
            "Our newborn kept startling herself awake with her arms.",
            "We live in Arizona and needed breathable blankets for the heat.",
            "I was putting together a baby shower gift basket for my coworker.",
            "We needed swaddles that are easy to do half asleep at night.",
            "We wanted something to use as a nursing cover and stroller shade too.",
        ],
        pos=[
            "They're soft and breathable and our baby sleeps longer stretches.",
            "They got even softer after a few washes.",
            "They're large enough for a proper snug swaddle.",
        ],
        neg=["They shrank a lot after the first wash.", "The fabric pilled and got rough quickly."],
    ),
    dict(
        k="portable crib",
        t="{b} {v} Portable Crib Playard with Bassinet, Changing Table and Carry Bag",
        p=["Nursery", "Furniture", "Playards"],
        vk="Style",
        v=["Deluxe with Changer", "Travel Lightweight", "Basic Playard"],
        pr=(69, 199),
        m="Aluminum, Polyester",
        d=(40, 28, 30),
        w=(15, 28),
        f=[
            "FULL-SIZE BASSINET: Keeps newborns close at bedside height",
            "FLIP-AWAY CHANGING TABLE: Diaper changes without bending down",
            "FOLDS COMPACT: Sets up in seconds and packs into the included carry bag",
            "BREATHABLE MESH SIDES: Airflow and visibility from every angle",
            "GROWS WITH BABY: Remove the bassinet and changer to use as a playard",
        ],
        ds=[
            "Have a safe sleep and play space anywhere with the {b} {v} playard. It's ideal for grandparents' houses, hotel rooms and the living room.",
            "Use only the mattress pad provided and never add extra padding.",
        ],
        g=[
            "We needed a safe place for the baby to sleep at grandma's house.",
            "We were traveling to a family wedding and the hotel cribs looked sketchy.",
            "We wanted a bassinet beside our bed for the first few months.",
            "I needed a safe play space for the baby while I work from home.",
            "We go camping with our toddler and needed a familiar place for him to sleep.",
        ],
        pos=[
            "Setup takes about two minutes once you've done it once.",
            "The bassinet level was great for the first few months of night feeds.",
            "It folds compactly and fits in the trunk with the stroller.",
        ],
        neg=[
            "The folding mechanism is confusing and I pinched my finger twice.",
            "The mattress pad is thin and hard.",
        ],
    ),
    dict(
        k="nursing pillow",
        t="{b} {v} Nursing Pillow for Breastfeeding and Bottle Feeding, Firm Support with Removable Washable Cover",
        p=["Feeding", "Breastfeeding", "Nursing Pillows"],
        vk="Color",
        v=["Grey Stripe", "Floral", "Sage"],
        pr=(25, 49),
        m="Cotton",
        d=(22, 18, 6),
        w=(1, 2),
        f=[
            "FIRM, FLAT SURFACE: Keeps baby at breast height so you don't hunch",
            "WRAP-AROUND FIT WITH STRAP: Adjustable belt stays put as you move",
            "BUILT-IN BACK SUPPORT: Reduces strain on your lower back during long feeds",
            "REMOVABLE COVER: Machine washable for inevitable spit-up",
            "MULTI-USE: Tummy time and supported sitting later on",
        ],
        ds=[
            "Make feeding more comfortable for both of you with the {b} {v} nursing pillow. Firm foam keeps its shape feed after feed.",
            "For supervised use only; never use for sleeping.",
        ],
        g=[
            "I was struggling with breastfeeding and my back and arms hurt after every feed.",
            "I had a C-section and needed to keep the baby off my incision.",
            "I was nursing twins and needed more support to tandem feed.",
            "I wanted to give my sister something useful before her baby arrived.",
            "My husband does the night bottles and wanted something to rest his arms.",
        ],
        pos=[
            "It takes all the pressure off my arms and back.",
            "The cover washed well and still fits snugly.",
            "It's still firm after months of daily use.",
        ],
        neg=[
            "It's too soft and the baby slowly slides off the side.",
            "The cover shrank after washing and won't zip.",
        ],
    ),
    dict(
        k="baby food maker",
        t="{b} {v} Baby Food Maker, Steamer and Blender All-in-One with Auto Shut-Off",
        p=["Feeding", "Baby Foods", "Food Makers"],
        vk="Capacity",
        v=["Large 20 oz", "Compact 12 oz", "Deluxe with Storage Cups"],
        pr=(49, 149),
        m="BPA-Free Plastic",
        d=(10, 7, 12),
        w=(3, 6),
        f=[
            "STEAM AND BLEND IN ONE BOWL: Steam vegetables, fruit and meat, then blend without transferring",
            "ADJUSTABLE TEXTURE: Pulse for chunky finger-food stages or blend smooth for first purees",
            "ONE-TOUCH OPERATION: Auto shut-off when the water tank runs dry",
            "DISHWASHER-SAFE PARTS: Blender bowl, lid and steam basket",
            "RECIPE BOOK INCLUDED: Over 40 recipes from first tastes to toddler meals",
        ],
        ds=[
            "Make fresh, homemade baby food in minutes with the {b} {v} food maker. You control exactly what goes in, with no added salt or sugar.",
            "Freeze extra portions in ice cube trays or silicone pods.",
        ],
        g=[
            "We wanted to make homemade baby food to save money.",
            "Our son has food allergies and we wanted full control over ingredients.",
            "We were starting solids and wanted to introduce a wide range of vegetables.",
            "I wanted to make freezer batches of purees on the weekend.",
            "Our daughter refused store-bought jars but loved what we made.",
        ],
        pos=[
            "It makes silky smooth purees in about fifteen minutes.",
            "Steaming and blending in one bowl means much less cleanup.",
            "It's simple enough that my husband uses it without asking me.",
        ],
        neg=[
            "It leaks water from the base every time it steams.",
            "The blades leave chunks of carrot no matter how long I blend.",
        ],
    ),
    dict(
        k="baby bouncer",
        t="{b} {v} Baby Bouncer Seat with Soothing Vibration, Toy Bar and Machine-Washable Seat Pad",
        p=["Activity & Entertainment", "Bouncers & Rockers", "Bouncers"],
        vk="Style",
        v=["Vibrating", "Ergonomic Mesh", "Rocker to Toddler Chair"],
        pr=(39, 129),
        m="Fabric, Steel",
        d=(28, 18, 18),
        w=(5, 10),
        f=[
            "NATURAL BOUNCE: Baby's own kicks create a gentle bouncing motion",
            "SOOTHING VIBRATION: Two speeds to calm a fussy baby",
            "REMOVABLE TOY BAR: Two spinning toys to bat at",
            "3-POINT HARNESS: Secure and easy to buckle",
            "FOLDS FLAT: Store under the couch or take to grandma's",
        ],
        ds=[
            "Give your baby a comfy, safe place to relax and play with the {b} {v} bouncer. The lightweight frame moves easily from room to room.",
            "For awake time only; not for sleep. Always use on the floor.",
        ],
        g=[
            "I needed somewhere safe to put the baby down while I showered.",
            "Our daughter is very fussy in the evenings and calms with gentle motion.",
            "We wanted a seat for the kitchen so the baby can watch us cook.",
            "We wanted something light to move between rooms in our townhouse.",
            "Our son has reflux and needs to stay upright after feeds.",
        ],
        pos=[
            "The vibration calms him down within a minute.",
            "It folds flat and slides under the couch.",
            "The seat pad came out of the washing machine looking new.",
        ],
        neg=[
            "The vibration unit stopped working after three weeks.",
            "The harness is too loose for a small newborn.",
        ],
    ),
    dict(
        k="diaper pail",
        t="{b} {v} Diaper Pail, Odor-Locking Hands-Free Pail with Foot Pedal and Childproof Lock",
        p=["Diapering", "Diaper Pails & Refills", "Diaper Pails"],
        vk="Material",
        v=["Plastic Standard", "Plastic Large", "Stainless Steel"],
        pr=(29, 79),
        m="Plastic",
        d=(12, 10, 26),
        w=(5, 10),
        f=[
            "ODOR-LOCKING SEAL: Rubber gasket and sliding door trap smells inside",
            "HANDS-FREE FOOT PEDAL: Open with your foot while holding the baby",
            "USES REGULAR TRASH BAGS: No costly proprietary refills",
            "CHILDPROOF LOCK: Keeps curious toddlers out",
            "HOLDS UP TO 40 DIAPERS: Empty just a couple of times a week",
        ],
        ds=[
            "Keep the nursery smelling fresh with the {b} {v} diaper pail. Steel resists odor absorption better than plastic over time.",
            "Empty regularly and wipe the interior with a mild cleaner.",
        ],
        g=[
            "The nursery smelled like diapers no matter how often we took out the trash.",
            "I wanted a pail that uses regular trash bags instead of expensive refills.",
            "Our toddler kept opening the trash can and pulling out dirty diapers.",
            "I wanted a pail I could open with my foot while holding the baby on the changing table.",
            "We have cloth and disposable diapers and needed a big pail for both.",
        ],
        pos=[
            "No smell even when the pail is nearly full.",
            "The foot pedal is convenient when my hands are full.",
            "It works fine with the regular kitchen bags we already buy.",
        ],
        neg=["It still smells whenever you open it.", "The foot pedal snapped after two months."],
    ),
    dict(
        k="teething toy",
        t="{b} {v} Baby Teething Toys, BPA-Free Food-Grade Silicone Teethers, Freezer and Dishwasher Safe",
        p=["Health & Baby Care", "Teethers"],
        vk="Pack",
        v=["4-Pack Assorted", "Banana Teether", "Fruit Shapes Set"],
        pr=(9, 19),
        m="Food-Grade Silicone",
        d=(6, 4, 2),
        w=(0.1, 0.3),
        f=[
            "100% FOOD-GRADE SILICONE: BPA-free, phthalate-free and latex-free",
            "EASY FOR TINY HANDS: Lightweight shapes with easy-grip handles from 3 months",
            "VARIED TEXTURES: Bumps and ridges massage sore front teeth and back molars",
            "FREEZER SAFE: Chill for extra soothing relief",
            "ONE-PIECE DESIGN: No small parts; dishwasher and boil safe",
        ],
        ds=[
            "Soothe sore gums with the {b} {v} teething toys. Soft silicone is gentle on gums yet satisfying to chew.",
            "Inspect before each use and discard at the first sign of damage.",
        ],
        g=[
            "Our daughter's first teeth were coming in and she was miserable.",
            "We needed something to soothe our son on long car rides while teething.",
            "I wanted safe silicone teethers instead of the old plastic ones.",
            "I was putting together a gift for a new mom at work.",
            "Our baby was chewing on everything including the TV remote.",
        ],
        pos=[
            "He chews on these for ages and is noticeably calmer.",
            "They're easy for little hands to hold on to.",
            "They come out of the dishwasher clean with no residue.",
        ],
        neg=[
            "The silicone attracts lint and dog hair like a magnet.",
            "It's too big to fit in her mouth comfortably.",
        ],
    ),
    dict(
        k="humidifier",
        t="{b} {v} Cool Mist Humidifier for Baby Nursery, Ultra Quiet with Night Light and Auto Shut-Off",
        p=["Health & Baby Care", "Humidifiers & Vaporizers", "Humidifiers"],
        vk="Tank Size",
        v=["2.5L", "4L Top-Fill", "6L"],
        pr=(25, 69),
        m="Plastic",
        d=(8, 8, 12),
        w=(2, 5),
        f=[
            "WHISPER-QUIET: Ultrasonic mist at under 26 dB won't wake a sleeping baby",
            "RUNS UP TO 40 HOURS: Large tank lasts several nights between refills",
            "AUTO SHUT-OFF: Turns off safely when the water runs out",
            "SOFT NIGHT LIGHT: Optional warm glow for late night check-ins",
            "EASY TO CLEAN: Wide opening tank reaches every corner",
        ],
        ds=[
            "Ease stuffy noses and dry skin with the {b} {v} cool mist humidifier. Cool mist is a safer choice than warm vaporizers in a nursery.",
            "Use distilled water, empty daily and clean weekly to prevent mineral dust and mold.",
        ],
        g=[
            "Our baby had a stuffy nose and the pediatrician suggested a humidifier.",
            "The winter air is so dry here that our son's cheeks were cracking.",
            "We wanted to ease our toddler's croupy cough at night.",
            "I wanted to keep the nursery comfortable during the heating season.",
            "Our daughter kept waking up with nosebleeds from the dry air.",
        ],
        pos=[
            "It's very quiet and runs all night on one tank.",
            "Her congestion was noticeably better after two nights.",
            "The top-fill design makes refilling easy.",
        ],
        neg=[
            "It leaks water onto the dresser overnight.",
            "It's hard to clean and developed mold in the base.",
        ],
    ),
]


# ---------------------------------------------------------------------------
# Category-level settings: Amazon file name -> top-level category, default
# main_category, invented brand names.
# ---------------------------------------------------------------------------
CATEGORIES = [
    dict(
        name="Home_and_Kitchen",
        top="Home & Kitchen",
        main="Amazon Home",
        types=HOME_AND_KITCHEN,
        brands=[
            "Hearthwell",
            "Copperleaf",
            "Kitchenry",
            "Maplebrook",
            "Oakhurst Home",
            "Larkspur Kitchen",
            "Ferrowood",
            "Bramblecraft",
            "Sable & Stone",
            "NordHaus",
            "Cindervale",
            "Peppermill Co.",
            "Tidewell",
            "Linden & Ash",
            "Auralea",
        ],
    ),
    dict(
        name="Patio_Lawn_and_Garden",
        top="Patio, Lawn & Garden",
        main="Lawn & Garden",
        types=PATIO_LAWN_AND_GARDEN,
        brands=[
            "GreenFurrow",
            "Sunhollow",
            "Yardcraft",
            "Birchway",
            "Terraverde",
            "Fernleaf Outdoor",
            "Mossbank",
            "Hollowtree",
            "BackForty",
            "Petalridge",
            "Stonecreek Garden",
            "Wrenfield",
        ],
    ),
    dict(
        name="Sports_and_Outdoors",
        top="Sports & Outdoors",
        main="Sports & Outdoors",
        types=SPORTS_AND_OUTDOORS,
        brands=[
            "Trailforge",
            "Summitrail",
            "Ridgeback Outdoor",
            "Pacecraft",
            "Kinetrek Gear",
            "Northvale",
            "Alpenwise",
            "Driftline",
            "Ironpeak Fitness",
            "Cascadia Trek",
            "Boldstride",
            "Lakecrest",
        ],
    ),
    dict(
        name="Electronics",
        top="Electronics",
        main="All Electronics",
        types=ELECTRONICS,
        brands=[
            "Voltaro",
            "Lumora",
            "Sonixa",
            "Ampwise",
            "Nexvolt",
            "Brightlane",
            "Kyvo",
            "Orbitek",
            "Zentrix",
            "Pixelwave",
            "Arcflux",
            "Tunewell",
        ],
    ),
    dict(
        name="Pet_Supplies",
        top="Pet Supplies",
        main="Pet Supplies",
        types=PET_SUPPLIES,
        brands=[
            "Pawsmith",
            "Whiskerwood",
            "Barkley & Finn",
            "Tailwind Pets",
            "Furrington",
            "Muddy Paws Supply",
            "Aquaverde",
            "Featherly",
            "Snoutworks",
            "Kindred Critter",
            "Pawtrail",
            "Cozyden",
        ],
    ),
    dict(
        name="Baby_Products",
        top="Baby Products",
        main="Baby",
        types=BABY_PRODUCTS,
        brands=[
            "Littlenest",
            "Babbleberry",
            "Snugglenook",
            "Tinytrek",
            "Lullaby Lane",
            "Peapod Baby",
            "Wee Sprout",
            "Dreamlet",
            "Bloomkin",
            "Honeybee Baby",
            "Nestling & Co.",
            "Pipsqueak",
        ],
    ),
]

# main_category overrides for product paths that Amazon files under a different store.
MAIN_BY_PATH_PREFIX = {
    ("Patio, Lawn & Garden", "Outdoor Decor"): "Amazon Home",
    ("Patio, Lawn & Garden", "Patio Furniture & Accessories"): "Amazon Home",
}

GENERIC_DESCRIPTIONS = [
    "{b} designs practical, durable products for everyday life. If anything is not right with your order, contact our support team and we will make it right.",
    "Every {b} product is tested before it leaves our warehouse and is backed by a 12-month limited warranty.",
    "Package contents may vary slightly from images. Please read all instructions and safety information before first use.",
    "At {b}, we believe good tools make everyday routines easier. Thousands of families rely on our products at home and on the go.",
    "We are a small, family-run company. Your feedback helps us improve every product we make.",
]

# Generic review sentences (used alongside the product-specific ones).
GENERIC_POS = [
    "It feels well made and solid, not flimsy like the cheaper ones I looked at.",
    "Honestly it is better than the {k} I paid twice as much for years ago.",
    "It arrived two days early and was packed carefully.",
    "Setup was simple and the instructions were actually clear.",
    "After several months of regular use it still works like new.",
    "It looks even nicer in person than in the photos.",
    "My partner was skeptical but now uses it more than I do.",
    "For the price, I really can't find anything to complain about.",
    "It's become one of those things we use almost every day.",
    "It is exactly as described in the listing.",
]
GENERIC_MILD = [
    "The only downside is that the instructions were vague, so it took some trial and error.",
    "I took off one star because the box was crushed, although the {k} itself was fine.",
    "I wish it came in more colors, but that's a minor complaint.",
    "It's a little pricier than similar options, but I think it's worth it.",
    "It took a couple of tries to get the hang of it.",
    "It's a bit heavier than I expected.",
    "There was a slight plastic smell at first that went away after a few days.",
    "Customer service was slow to answer a question, but the product itself is good.",
]
GENERIC_NEG = [
    "It stopped working a few days after the return window closed.",
    "The quality feels cheap and it looks nothing like the photos.",
    "The seller never answered my message about a replacement.",
    "For the price I expected much better quality control.",
    "It feels like it was made to look good in photos rather than to be used.",
]
CLOSE_POS = [
    "Would buy again.",
    "Already recommended it to my sister.",
    "Worth every penny.",
    "Highly recommend.",
    "I ended up ordering a second one as a gift.",
    "Five stars from me.",
    "No regrets at all.",
    "Very happy with this purchase.",
]
CLOSE_MID = [
    "Not perfect, but I'm keeping it.",
    "It does the job, but I expected a little more at this price.",
    "Three stars because it works, just not as well as the listing suggests.",
    "It's fine if your expectations are modest.",
    "I might look for something else next time.",
]
CLOSE_NEG = [
    "I returned it.",
    "Would not buy again.",
    "Disappointed given all the good reviews.",
    "Save your money and look elsewhere.",
    "I ended up buying a different brand.",
    "Sending it back.",
]
TITLES = {
    5: [
        "Exactly what we needed",
        "Love this {k}",
        "Great {k}",
        "Five Stars",
        "Worth every penny",
        "Best {k} I've owned",
        "Does exactly what it says",
        "Highly recommend",
        "Perfect for our family",
        "So glad I bought this",
        "Fantastic quality",
        "Couldn't be happier",
    ],
    4: [
        "Very good, one small issue",
        "Solid {k} for the price",
        "Works well",
        "Pretty happy with it",
        "Good value",
        "Almost perfect",
        "Nice {k}",
        "Does the job well",
    ],
    3: [
        "It's okay",
        "Mixed feelings",
        "Decent but not great",
        "Does the job, with caveats",
        "Average {k}",
        "Just okay",
    ],
    2: ["Disappointed", "Not as described", "Expected better", "Wouldn't buy again", "Meh"],
    1: [
        "Returned it",
        "Broke quickly",
        "Don't waste your money",
        "Stopped working",
        "One Star",
        "Very disappointed",
    ],
}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
REVIEW_START = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
REVIEW_END = datetime.datetime(2023, 9, 30, tzinfo=datetime.UTC)
N_USERS = 720
N_REGULARS = 90

META_FIELDS = [
    "main_category",
    "title",
    "average_rating",
    "rating_number",
    "features",
    "description",
    "price",
    "images",
    "videos",
    "store",
    "categories",
    "details",
    "parent_asin",
    "bought_together",
]
REVIEW_FIELDS = [
    "rating",
    "title",
    "text",
    "images",
    "asin",
    "parent_asin",
    "user_id",
    "timestamp",
    "helpful_vote",
    "verified_purchase",
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _digest(*parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()


def _encode(num, alphabet, length):
    out = []
    for _ in range(length):
        num, r = divmod(num, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def make_asin(*parts):
    """'B0' + 8 uppercase alphanumerics derived from a hash of parts."""
    return "B0" + _encode(int.from_bytes(_digest("asin", *parts), "big"), B36, 8)


def make_user_id(index):
    return "AE" + _encode(int.from_bytes(_digest("user", index), "big"), B36, 26)


def make_image_id(*parts):
    # Amazon image ids look like '71Zf9uUpQGL': 10 base62 characters + 'L'.
    return _encode(int.from_bytes(_digest("img", *parts), "big"), B62, 10) + "L"


def to_ms(dt):
    return int((dt - EPOCH).total_seconds() * 1000)


def fmt_date(d):
    return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)


def fmt_price(rng, lo, hi):
    whole = rng.randint(lo, hi)
    cents = rng.choice([0.99, 0.99, 0.99, 0.95, 0.49, 0.97, 0.89])
    return round(whole - 1 + cents if whole > lo else whole + cents, 2)


def fill(s, **kw):
    return s.format(**kw)


def write_jsonl_gz(path, records):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for rec in records:
            gz.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    with open(path, "wb") as fh:
        fh.write(buf.getvalue())


def read_jsonl_gz(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ---------------------------------------------------------------------------
# Product metadata
# ---------------------------------------------------------------------------
def build_images(rng, asin, kind):
    n = rng.choices([0, 1, 2, 3, 4, 5, 6, 7], weights=[5, 8, 10, 14, 16, 18, 16, 13])[0]
    images = []
    for j in range(n):
        iid = make_image_id(asin, j)
        base = "https://m.media-amazon.com/images/I/" + iid
        images.append(
            {
                "thumb": base + "._AC_US40_.jpg",
                "large": base + "._AC_.jpg",
                "variant": "MAIN" if j == 0 else "PT%02d" % j,
                "hi_res": None if rng.random() < 0.15 else base + "._AC_SL1500_.jpg",
            }
        )
    return images


def build_videos(rng, asin, brand, kind):
    if rng.random() >= 0.12:
        return []
    vid = _digest("video", asin).hex()[:32]
    title = rng.choice(
        [
            "%s %s setup and first look",
            "Is the %s %s worth it? Honest review",
            "How to use the %s %s",
            "%s %s: unboxing",
        ]
    )
    return [
        {
            "title": title % (brand, kind),
            "url": "https://www.amazon.com/vdp/%s?ref=dp_vse_rvc_0" % vid,
            "user_id": ""
            if rng.random() < 0.5
            else "/shop/" + brand.lower().replace(" ", "").replace("&", "").replace(".", ""),
        }
    ]


def build_details(rng, t, brand, variant, first_available):
    details = {}
    length, width, height = t["d"]

    def jit(x):
        return round(x * rng.uniform(0.9, 1.1), 1)

    if rng.random() < 0.5:
        details["Product Dimensions"] = '%s"L x %s"W x %s"H' % (
            jit(length),
            jit(width),
            jit(height),
        )
    else:
        details["Product Dimensions"] = "%s x %s x %s inches" % (
            jit(length),
            jit(width),
            jit(height),
        )
    wt = rng.uniform(*t["w"])
    details["Item Weight"] = ("%.1f ounces" % (wt * 16)) if wt < 1 else ("%.1f pounds" % wt)
    details["Brand"] = brand
    if t.get("m"):
        details["Material"] = t["m"]
    details[t["vk"]] = variant
    details["Manufacturer"] = brand if rng.random() < 0.6 else brand + " Inc."
    model = "".join(ch for ch in brand.upper() if ch.isalpha())[:3]
    details["Item model number"] = "%s-%d%s" % (
        model,
        rng.randint(100, 9999),
        rng.choice(["", "A", "B", "X", "-US"]),
    )
    details["Date First Available"] = fmt_date(first_available)
    if rng.random() < 0.35:
        details["Number of Items"] = rng.choice([1, 1, 1, 2, 3, 4])
    if rng.random() < 0.4:
        details["Is Discontinued By Manufacturer"] = "No"
    return details


def build_category(cat, used_asins):
    rng = random.Random("%d:meta:%s" % (SEED, cat["name"]))
    types = cat["types"]
    n_types = len(types)
    # A per-type shuffled brand list so the same type never repeats a brand.
    type_brands = [rng.sample(cat["brands"], len(cat["brands"])) for _ in types]
    products = []
    for i in range(PRODUCTS_PER_CATEGORY):
        t = types[i % n_types]
        ordinal = i // n_types
        variant = t["v"][ordinal % len(t["v"])]
        brand = type_brands[i % n_types][ordinal % len(cat["brands"])]
        salt = 0
        asin = make_asin(cat["name"], i)
        while asin in used_asins:
            salt += 1
            asin = make_asin(cat["name"], i, salt)
        used_asins.add(asin)

        first_available = datetime.date(2016, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 7 * 365 - 60)
        )
        fmt = dict(b=brand, v=variant)
        title = fill(t["t"], **fmt)

        n_feat = rng.randint(3, min(6, len(t["f"])))
        feat_idx = sorted(rng.sample(range(len(t["f"])), n_feat))
        features = [fill(t["f"][j], **fmt) for j in feat_idx]

        r = rng.random()
        if r < 0.07:
            description = []
        else:
            description = [fill(p, **fmt) for p in t["ds"][: rng.randint(1, len(t["ds"]))]]
            if len(description) < 3 and rng.random() < 0.45:
                description.append(fill(rng.choice(GENERIC_DESCRIPTIONS), **fmt))

        lo, hi = t["pr"]
        if i == 11:
            price = "$%.2f" % fmt_price(rng, lo, hi)
        elif i == 47:
            a = fmt_price(rng, lo, max(lo, (lo + hi) // 2))
            price = "%.2f - %.2f" % (a, round(a + rng.randint(3, max(4, (hi - lo) // 3)), 2))
        elif rng.random() < 0.10:
            price = None
        else:
            price = fmt_price(rng, lo, hi)

        avg = round(min(5.0, max(2.4, rng.gauss(4.35, 0.38))), 1)
        rating_number = int(round(3 * (10000 ** rng.random())))
        if rating_number > 40:  # a perfect 5.0 only survives on a handful of ratings
            avg = min(avg, 4.9)

        cats = [] if rng.random() < 0.05 else [cat["top"]] + list(t["p"])
        main = t.get("mc") or MAIN_BY_PATH_PREFIX.get((cat["top"], t["p"][0])) or cat["main"]
        store = None if rng.random() < 0.04 else brand

        meta = {
            "main_category": main,
            "title": title,
            "average_rating": float(avg),
            "rating_number": rating_number,
            "features": features,
            "description": description,
            "price": price,
            "images": build_images(rng, asin, t["k"]),
            "videos": build_videos(rng, asin, brand, t["k"]),
            "store": store,
            "categories": cats,
            "details": build_details(rng, t, brand, variant, first_available),
            "parent_asin": asin,
            "bought_together": None,
        }
        n_variants = rng.choice([0, 0, 1, 2, 3])
        variants = [make_asin(asin, "variant", k) for k in range(n_variants)]
        for va in variants:
            assert va not in used_asins
            used_asins.add(va)
        products.append(
            dict(
                meta=meta,
                type=t,
                brand=brand,
                variant=variant,
                variants=variants,
                first_available=first_available,
            )
        )
    return products


# ---------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------
def rating_weights(avg):
    if avg >= 4.5:
        return [2, 2, 5, 17, 74]
    if avg >= 4.0:
        return [5, 4, 9, 24, 58]
    return [11, 9, 15, 27, 38]


def _contrast(rng, sentence):
    """Sometimes join a negative sentence to the previous one with a contrast word."""
    if rng.random() < 0.5:
        return sentence
    if sentence.startswith("I ") or sentence.startswith("I'"):
        first = sentence
    else:
        first = sentence[0].lower() + sentence[1:]
    return rng.choice(["That said, ", "On the other hand, ", "Unfortunately, "]) + first


_MALE = re.compile(r"\b(he|him|his|himself|son|boy|grandson)\b", re.I)
_FEMALE = re.compile(r"\b(she|her|hers|herself|daughter|girl|granddaughter)\b", re.I)
_CAT = re.compile(r"\b(cat|cats|kitten|kittens)\b", re.I)
_DOG = re.compile(r"\b(dog|dogs|puppy|puppies)\b", re.I)


def _compatible(context, sentence):
    """Avoid opinion sentences that contradict the goal: he/she or cat/dog mix-ups."""
    for a, b in ((_MALE, _FEMALE), (_CAT, _DOG)):
        if (a.search(context) and b.search(sentence) and not a.search(sentence)) or (
            b.search(context) and a.search(sentence) and not b.search(sentence)
        ):
            return False
    return True


def _pick(rng, pool, parts, fallback):
    context = " ".join(parts)
    ok = [x for x in pool if x not in parts and _compatible(context, x)]
    if not ok:
        ok = [x for x in fallback if x not in parts]
    return rng.choice(ok)


def compose_text(rng, t, rating, goal):
    k = t["k"]
    pos = [s.format(k=k) for s in t["pos"]]
    neg = [s.format(k=k) for s in t["neg"]]
    gpos = [s.format(k=k) for s in GENERIC_POS]
    mild = [s.format(k=k) for s in GENERIC_MILD]
    gneg = [s.format(k=k) for s in GENERIC_NEG]
    parts = [goal]
    if rating == 5:
        parts.append(_pick(rng, pos, parts, gpos))
        extra = rng.random()
        if extra < 0.45:
            parts.append(_pick(rng, pos + gpos, parts, gpos))
        elif extra < 0.75:
            parts.append(_pick(rng, gpos, parts, gpos))
        if rng.random() < 0.5:
            parts.append(rng.choice(CLOSE_POS))
    elif rating == 4:
        parts.append(_pick(rng, pos + gpos[:3], parts, gpos))
        parts.append(rng.choice(mild))
        if rng.random() < 0.3:
            parts.append(rng.choice(CLOSE_POS[:4] + CLOSE_MID[:2]))
    elif rating == 3:
        parts.append(_pick(rng, pos, parts, gpos))
        parts.append(_contrast(rng, _pick(rng, neg + mild[:2], parts, mild)))
        if rng.random() < 0.6:
            parts.append(rng.choice(CLOSE_MID))
    else:
        parts.append(_pick(rng, neg, parts, gneg))
        if rng.random() < 0.5:
            parts.append(_pick(rng, gneg + neg, parts, gneg))
        if rng.random() < 0.7:
            parts.append(rng.choice(CLOSE_NEG))
    return " ".join(parts[:4])


def build_reviews(cat, products, users, used_texts, used_keys):
    rng = random.Random("%d:reviews:%s" % (SEED, cat["name"]))
    reviews = []
    end_ms = to_ms(REVIEW_END)
    for prod in products:
        meta, t = prod["meta"], prod["type"]
        asin = meta["parent_asin"]
        n_reviews = rng.choice([3, 3, 4, 4])
        goals = rng.sample(t["g"], len(t["g"]))
        fa = prod["first_available"]
        start = max(
            REVIEW_START,
            datetime.datetime(fa.year, fa.month, fa.day, tzinfo=datetime.UTC)
            + datetime.timedelta(days=14),
        )
        start_ms = to_ms(start)
        reviewers = set()
        weights = rating_weights(meta["average_rating"])
        for r_i in range(n_reviews):
            rating = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
            goal = goals[r_i % len(goals)]
            text = None
            for _attempt in range(200):
                cand = compose_text(rng, t, rating, goal)
                if cand not in used_texts:
                    text = cand
                    break
            if text is None:  # pragma: no cover - safety net, not expected to trigger
                raise RuntimeError("could not compose a unique review text for %s" % asin)
            used_texts.add(text)

            while True:
                if rng.random() < 0.35:
                    user = users[rng.randrange(N_REGULARS)]
                else:
                    user = users[rng.randrange(len(users))]
                if user not in reviewers:
                    break
            reviewers.add(user)

            if prod["variants"] and rng.random() < 0.4:
                r_asin = rng.choice(prod["variants"])
            else:
                r_asin = asin
            ts = rng.randint(start_ms, end_ms)
            key = (asin, r_asin, user, ts)
            while key in used_keys:
                ts += 1
                key = (asin, r_asin, user, ts)
            used_keys.add(key)

            images = []
            if rng.random() < 0.07:
                for j in range(rng.randint(1, 2)):
                    iid = make_image_id("review", asin, user, j)
                    base = "https://m.media-amazon.com/images/I/" + iid
                    images.append(
                        {
                            "small_image_url": base + "._SL256_.jpg",
                            "medium_image_url": base + "._SL800_.jpg",
                            "large_image_url": base + ".jpg",
                            "attachment_type": "IMAGE",
                        }
                    )
            hv_bucket = rng.choices([0, 1, 2, 3], weights=[60, 25, 12, 3])[0]
            helpful = [0, rng.randint(1, 3), rng.randint(4, 20), rng.randint(21, 150)][hv_bucket]
            title = rng.choice(TITLES[rating]).format(k=t["k"])
            reviews.append(
                {
                    "rating": float(rating),
                    "title": title,
                    "text": text,
                    "images": images,
                    "asin": r_asin,
                    "parent_asin": asin,
                    "user_id": user,
                    "timestamp": ts,
                    "helpful_vote": helpful,
                    "verified_purchase": rng.random() < 0.9,
                }
            )
    return reviews


# ---------------------------------------------------------------------------
# Build + write
# ---------------------------------------------------------------------------
def generate():
    os.makedirs(OUT_DIR, exist_ok=True)
    users = [make_user_id(i) for i in range(N_USERS)]
    assert len(set(users)) == len(users)
    used_asins, used_texts, used_keys = set(), set(), set()
    counts = []
    for cat in CATEGORIES:
        products = build_category(cat, used_asins)
        reviews = build_reviews(cat, products, users, used_texts, used_keys)
        write_jsonl_gz(
            os.path.join(OUT_DIR, "meta_%s.jsonl.gz" % cat["name"]), [p["meta"] for p in products]
        )
        write_jsonl_gz(os.path.join(OUT_DIR, "%s.jsonl.gz" % cat["name"]), reviews)
        counts.append((cat["name"], len(products), len(reviews)))
    return counts


# ---------------------------------------------------------------------------
# Self-check: re-read the files and validate the layout and invariants.
# ---------------------------------------------------------------------------
def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def self_check():
    asin_re = re.compile(r"^B0[0-9A-Z]{8}$")
    user_re = re.compile(r"^AE[0-9A-Z]{26}$")
    lo_ms, hi_ms = to_ms(REVIEW_START), to_ms(REVIEW_END)
    all_parents = set()
    all_keys = set()
    all_texts = set()
    counts = []
    n_price_null = n_price_str = n_products = 0
    user_counts = {}
    for cat in CATEGORIES:
        name = cat["name"]
        meta = read_jsonl_gz(os.path.join(OUT_DIR, "meta_%s.jsonl.gz" % name))
        reviews = read_jsonl_gz(os.path.join(OUT_DIR, "%s.jsonl.gz" % name))
        assert len(meta) == PRODUCTS_PER_CATEGORY, (name, len(meta))
        parents = set()
        titles = set()
        for m in meta:
            assert list(m.keys()) == META_FIELDS, (name, list(m.keys()))
            assert isinstance(m["main_category"], str) and m["main_category"]
            assert isinstance(m["title"], str) and m["title"]
            assert m["title"] not in titles, m["title"]
            titles.add(m["title"])
            assert isinstance(m["average_rating"], float) and 1.0 <= m["average_rating"] <= 5.0
            assert round(m["average_rating"], 1) == m["average_rating"]
            assert isinstance(m["rating_number"], int) and m["rating_number"] >= 1
            assert isinstance(m["features"], list) and 3 <= len(m["features"]) <= 6
            assert all(isinstance(f, str) and f for f in m["features"])
            assert isinstance(m["description"], list) and len(m["description"]) <= 3
            assert all(isinstance(d, str) and d for d in m["description"])
            price = m["price"]
            if price is None:
                n_price_null += 1
            elif isinstance(price, str):
                n_price_str += 1
                assert re.match(r"^\$?\d+\.\d{2}( - \d+\.\d{2})?$", price), price
            else:
                assert isinstance(price, float) and price > 0, price
            assert isinstance(m["images"], list)
            for im in m["images"]:
                assert set(im) == {"thumb", "large", "variant", "hi_res"}
                assert im["thumb"].startswith("https://m.media-amazon.com/images/I/")
                assert im["large"].startswith("https://m.media-amazon.com/images/I/")
                assert im["hi_res"] is None or im["hi_res"].startswith(
                    "https://m.media-amazon.com/images/I/"
                )
                assert isinstance(im["variant"], str)
            assert isinstance(m["videos"], list)
            for v in m["videos"]:
                assert set(v) == {"title", "url", "user_id"} and all(
                    isinstance(x, str) for x in v.values()
                )
            assert m["store"] is None or (isinstance(m["store"], str) and m["store"])
            assert isinstance(m["categories"], list) and all(
                isinstance(c, str) for c in m["categories"]
            )
            assert isinstance(m["details"], dict) and m["details"]
            assert all(
                isinstance(k, str) and (isinstance(v, str) or _is_num(v))
                for k, v in m["details"].items()
            )
            assert isinstance(m["parent_asin"], str) and asin_re.match(m["parent_asin"]), m[
                "parent_asin"
            ]
            assert m["parent_asin"] not in all_parents, m["parent_asin"]
            assert m["bought_together"] is None
            parents.add(m["parent_asin"])
            all_parents.add(m["parent_asin"])
            n_products += 1
        per_product = dict.fromkeys(parents, 0)
        for r in reviews:
            assert list(r.keys()) == REVIEW_FIELDS, (name, list(r.keys()))
            assert isinstance(r["rating"], float) and r["rating"] in (1.0, 2.0, 3.0, 4.0, 5.0)
            assert isinstance(r["title"], str) and r["title"]
            assert isinstance(r["text"], str) and r["text"]
            n_sent = len(re.findall(r"[.!?](?:\s|$)", r["text"]))
            assert 2 <= n_sent <= 4, (n_sent, r["text"])
            assert r["text"] not in all_texts, r["text"]
            all_texts.add(r["text"])
            assert isinstance(r["images"], list)
            for im in r["images"]:
                assert set(im) == {
                    "small_image_url",
                    "medium_image_url",
                    "large_image_url",
                    "attachment_type",
                }
            assert isinstance(r["asin"], str) and asin_re.match(r["asin"])
            assert r["parent_asin"] in parents, (name, r["parent_asin"])
            assert isinstance(r["user_id"], str) and user_re.match(r["user_id"])
            assert isinstance(r["timestamp"], int) and not isinstance(r["timestamp"], bool)
            assert lo_ms <= r["timestamp"] <= hi_ms
            assert isinstance(r["helpful_vote"], int) and not isinstance(r["helpful_vote"], bool)
            assert r["helpful_vote"] >= 0
            assert isinstance(r["verified_purchase"], bool)
            key = (r["parent_asin"], r["asin"], r["user_id"], r["timestamp"])
            assert key not in all_keys, key
            all_keys.add(key)
            per_product[r["parent_asin"]] += 1
            user_counts[r["user_id"]] = user_counts.get(r["user_id"], 0) + 1
        assert all(3 <= c <= 4 for c in per_product.values()), per_product
        counts.append((name, len(meta), len(reviews)))
    total_reviews = sum(c[2] for c in counts)
    assert n_products == PRODUCTS_PER_CATEGORY * len(CATEGORIES)
    assert total_reviews >= MIN_TOTAL_REVIEWS, total_reviews
    assert n_price_str >= 3, n_price_str
    assert 0 < n_price_null < n_products * 0.2, n_price_null
    assert sum(1 for c in user_counts.values() if c > 1) > 0
    _check_readme(counts)
    return counts, dict(
        price_null=n_price_null,
        price_str=n_price_str,
        users=len(user_counts),
        repeat_users=sum(1 for c in user_counts.values() if c > 1),
    )


def _check_readme(counts):
    """If sample_data/README.md exists, its count table must match the files."""
    readme = os.path.join(os.path.dirname(OUT_DIR), "README.md")
    if not os.path.exists(readme):
        return
    with open(readme, encoding="utf-8") as fh:
        text = fh.read()
    for name, n_meta, n_rev in counts:
        m = re.search(r"^\|\s*%s\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|" % re.escape(name), text, re.M)
        assert m, "README.md has no count row for %s" % name
        assert (int(m.group(1)), int(m.group(2))) == (n_meta, n_rev), (
            "README.md counts for %s are stale: %s vs %s" % (name, m.groups(), (n_meta, n_rev))
        )
    total = sum(c[2] for c in counts)
    assert "**%d**" % total in text, "README.md total review count is stale"


def file_digests():
    out = {}
    for fn in sorted(os.listdir(OUT_DIR)):
        with open(os.path.join(OUT_DIR, fn), "rb") as fh:
            out[fn] = hashlib.sha256(fh.read()).hexdigest()
    return out


def main(argv):
    if "--check" not in argv:
        generate()
    counts, stats = self_check()
    print("%-24s %9s %8s" % ("category", "products", "reviews"))
    for name, n_meta, n_rev in counts:
        print("%-24s %9d %8d" % (name, n_meta, n_rev))
    print("%-24s %9d %8d" % ("TOTAL", sum(c[1] for c in counts), sum(c[2] for c in counts)))
    print(
        "distinct reviewers: %(users)d (%(repeat_users)d with more than one review); "
        "price null: %(price_null)d, price as string: %(price_str)d" % stats
    )
    print("self-check OK")
    if "--digests" in argv:
        for fn, digest in file_digests().items():
            print(digest, fn)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
