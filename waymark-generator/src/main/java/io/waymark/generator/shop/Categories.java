package io.waymark.generator.shop;

import java.util.List;

/** The twelve categories of the simulated shop. */
final class Categories {

  static final List<Category> ALL =
      List.of(
          new Category(
              "Headphones & Audio",
              "headphones-audio",
              List.of("Headphones", "Earbuds", "Bluetooth Speaker", "Soundbar", "Turntable"),
              List.of("Auralis", "Sonique", "BassLab"),
              19,
              449),
          new Category(
              "Smartphones & Accessories",
              "smartphones",
              List.of("Phone Case", "Charger", "Power Bank", "Screen Protector", "Smartphone"),
              List.of("Voltix", "Nordcell", "Pixelion"),
              9,
              899),
          new Category(
              "Laptops & Tablets",
              "laptops-tablets",
              List.of("Laptop", "Tablet", "Laptop Sleeve", "USB-C Hub", "Keyboard"),
              List.of("Pixelion", "Quanta", "Lumio"),
              29,
              1899),
          new Category(
              "Smart Home",
              "smart-home",
              List.of("Smart Plug", "Smart Bulb", "Thermostat", "Video Doorbell", "Camera"),
              List.of("Homely", "Lumio", "Nestwise"),
              14,
              299),
          new Category(
              "Kitchen Appliances",
              "kitchen",
              List.of("Blender", "Air Fryer", "Kettle", "Toaster", "Stand Mixer"),
              List.of("Cucina", "Brava", "Steelworth"),
              24,
              599),
          new Category(
              "Coffee & Tea",
              "coffee-tea",
              List.of("Coffee Beans", "Espresso Machine", "Grinder", "Tea Set", "French Press"),
              List.of("Barista Co", "Highland Leaf", "Brava"),
              6,
              749),
          new Category(
              "Running & Fitness",
              "running-fitness",
              List.of("Running Shoes", "Yoga Mat", "Fitness Tracker", "Dumbbells", "Water Bottle"),
              List.of("Stride", "Peakform", "Kinetic"),
              9,
              249),
          new Category(
              "Outdoor & Camping",
              "outdoor",
              List.of("Tent", "Sleeping Bag", "Backpack", "Headlamp", "Camping Stove"),
              List.of("Fjellvik", "Trailhead", "Peakform"),
              12,
              499),
          new Category(
              "Men's Fashion",
              "mens-fashion",
              List.of("Jacket", "Sneakers", "Shirt", "Jeans", "Watch"),
              List.of("Hollis & Co", "Northbound", "Urbane"),
              19,
              349),
          new Category(
              "Women's Fashion",
              "womens-fashion",
              List.of("Dress", "Handbag", "Boots", "Scarf", "Sunglasses"),
              List.of("Maison Lune", "Urbane", "Verity"),
              15,
              399),
          new Category(
              "Beauty & Care",
              "beauty-care",
              List.of("Face Cream", "Shampoo", "Perfume", "Hair Dryer", "Electric Toothbrush"),
              List.of("Lumea", "Pure Botanics", "Verity"),
              5,
              199),
          new Category(
              "Toys & Games",
              "toys-games",
              List.of("Board Game", "Puzzle", "Building Set", "Plush Toy", "Card Game"),
              List.of("Playwell", "Brickton", "Meeple House"),
              7,
              149));

  private Categories() {}
}
