class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    create_table :invoices do |t|
      t.references :order, null: false, foreign_key: true
      t.string :number
      t.timestamps
    end
    add_column :orders, :note, :text
    add_index :orders, :note
    rename_column :orders, :total, :amount
    change_column_null :orders, :placed_at, false
    change_column_default :orders, :status, from: nil, to: "new"
    add_reference :orders, :customer, index: true
    add_foreign_key :orders, :customers
    remove_index :orders, :legacy_id
    remove_index :orders, column: [:a, :b], name: "idx_ab"
    remove_foreign_key :orders, :accounts
    remove_foreign_key :orders, to_table: :accounts, column: :owner_id
    enable_extension "pgcrypto"
    change_table :orders do |t|
      t.string :channel
      t.rename :channel, :source
      t.index :source
      t.remove_index :source
    end
  end
end
