class AddPriceCentsToProducts < ActiveRecord::Migration[7.1]
  def change
    add_column :products, :price_cents, :integer, null: false, default: 0
    add_column :products, :currency, :string, limit: 3, null: false, default: "EUR"

    reversible do |dir|
      dir.up do
        execute <<~SQL
          UPDATE products SET price_cents = ROUND(legacy_price * 100) WHERE legacy_price IS NOT NULL
        SQL
      end
      dir.down do
        execute <<~SQL
          UPDATE products SET legacy_price = price_cents / 100.0
        SQL
      end
    end
  end
end
