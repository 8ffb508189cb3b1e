class AddDefaultToSpreeChannels < ActiveRecord::Migration[7.0]
  def change
    add_column :spree_channels, :default, :boolean, null: false, default: false
    add_index :spree_channels, :store_id, unique: true, where: '"default" = TRUE'
    add_column :spree_channels, :main, :boolean, null: false, default: false
    add_index :spree_channels, :code, unique: true, where: 'main = FALSE'
  end
end
