class CreateProducts < ActiveRecord::Migration[7.1]
  def change
    create_table :products do |t|
      t.string :name, null: false
      t.string :slug, null: false
      t.text :description
      t.decimal :legacy_price, precision: 10, scale: 2
      t.references :category, foreign_key: true
      t.timestamps
    end
    add_index :products, :slug, unique: true
  end
end
