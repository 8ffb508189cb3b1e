class N1 < ActiveRecord::Migration[7.1]
  def up
    rename_column :orders, :note, :comment
    rename_table :customers, :clients
    add_column :orders, :currency, :string, null: false
    change_column_null :orders, :status, false
    change_column :orders, :code, :string, limit: 20
    add_index :orders, :ref, unique: true, algorithm: :concurrently
    add_foreign_key :orders, :clients, validate: false
    add_check_constraint :orders, "total >= 0", name: "total_positive"
  end

  def down
    remove_check_constraint :orders, name: "total_positive"
    remove_foreign_key :orders, :clients
    remove_index :orders, :ref
    change_column :orders, :code, :string, limit: 255
    change_column_null :orders, :status, true
    remove_column :orders, :currency
    rename_table :clients, :customers
    rename_column :orders, :comment, :note
  end
end
